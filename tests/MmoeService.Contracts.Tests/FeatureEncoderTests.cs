namespace MmoeService.Contracts.Tests;

/// <summary>Numbers that are finite in JSON (double) but do not fit the model's float32 input, or only saturate it.</summary>
public sealed class FeatureEncoderTests
{
    private static readonly NumericFeature Age = new("age", 30, 10);

    [Theory]
    [InlineData(1e308)]
    [InlineData(-1e308)]
    [InlineData(3.5e38)]
    public void EncodeNumeric_BeyondFloat32_IsRejectedNamingTheFeature(double value)
    {
        var error = Assert.Throws<FeatureEncodingException>(() => FeatureEncoder.EncodeNumeric(Age, FeatureValue.FromNumber(value)));

        Assert.Equal("age", error.Feature);
        Assert.Contains("32-bit float", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e30)]
    [InlineData(-1e30)]
    [InlineData(30 + 10 * 1.0000001e6)]
    public void EncodeNumeric_TooManyDeviationsFromTheMean_IsRejected(double value)
    {
        var error = Assert.Throws<FeatureEncodingException>(() => FeatureEncoder.EncodeNumeric(Age, FeatureValue.FromNumber(value)));

        Assert.Equal("age", error.Feature);
        Assert.Contains("standard deviations", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30 + 10 * 1e6, 1e6)]
    [InlineData(30 + 10 * 1000.0, 1000)]
    [InlineData(30 - 10 * 1000.0, -1000)]
    public void EncodeNumeric_FarButWithinTheBound_IsStandardised(double value, double expected)
    {
        Assert.Equal((float)expected, FeatureEncoder.EncodeNumeric(Age, FeatureValue.FromNumber(value)));
    }

    [Fact]
    public void EncodeNumeric_ValueMessage_NeverEchoesTheValue()
    {
        var error = Assert.Throws<FeatureEncodingException>(() => FeatureEncoder.EncodeNumeric(Age, FeatureValue.FromNumber(123456789e25)));

        Assert.DoesNotContain("123456789", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1.23456789", error.Message, StringComparison.Ordinal);
    }
}
