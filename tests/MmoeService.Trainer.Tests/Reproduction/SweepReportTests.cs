using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class SweepReportTests
{
    [Theory]
    [InlineData(0.64721, "0.6472")]
    [InlineData(0.000512345, "0.0005123")]
    [InlineData(7.97141, "7.971")]
    public void Loss_AnyScale_KeepsFourSignificantDigits(double value, string expected) =>
        Assert.Equal(expected, SweepReport.Loss(value));

    [Theory]
    [InlineData(-0.28487, "-0.2849")]
    [InlineData(0.00012, "+0.00012")]
    [InlineData(-0.0000123456, "-1.235E-05")]
    [InlineData(0.0, "0")]
    public void Signed_Difference_WritesItsSignOnce(double value, string expected) =>
        Assert.Equal(expected, SweepReport.Signed(value));

    [Fact]
    public void Signed_NegativeZero_IsPlainZero() => Assert.Equal("0", SweepReport.Signed(-0.0));
}
