namespace MmoeService.Contracts.Tests;

public sealed class FeatureValueTests
{
    [Fact]
    public void Missing_IsTheDefaultAndHasNoCategory()
    {
        Assert.True(FeatureValue.Missing.IsMissing);
        Assert.Equal(default, FeatureValue.Missing);
        Assert.Null(FeatureValue.Missing.AsCategory());
        Assert.Equal("<missing>", FeatureValue.Missing.ToString());
    }

    [Theory]
    [InlineData(3.0, "3")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5e-7, "-2.5E-07")]
    public void AsCategory_Number_IsItsInvariantRoundTripText(double number, string expected) =>
        Assert.Equal(expected, FeatureValue.FromNumber(number).AsCategory());

    [Fact]
    public void FromText_EmptyString_IsNotMissing()
    {
        var value = FeatureValue.FromText(string.Empty);

        Assert.False(value.IsMissing);
        Assert.Equal(string.Empty, value.AsCategory());
    }

    [Fact]
    public void Equality_SameNumberOrText_IsValueEquality()
    {
        Assert.Equal(FeatureValue.FromNumber(1.5), FeatureValue.FromNumber(1.5));
        Assert.NotEqual(FeatureValue.FromNumber(1), FeatureValue.FromText("1"));
    }
}
