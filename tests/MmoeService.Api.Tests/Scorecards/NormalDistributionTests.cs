using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>Reference values: mpmath.erfc / mpmath.ncdf at 40 digits.</summary>
[Trait("Kind", "Unit")]
public sealed class NormalDistributionTests
{
    [Theory]
    [InlineData(-1.5, 1.9661051464753107271)]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 0.8875370839817151016)]
    [InlineData(0.5, 0.47950012218695346232)]
    [InlineData(1.0, 0.15729920705028513066)]
    [InlineData(1.5, 0.033894853524689272933)]
    [InlineData(1.99, 0.0048885868003830029527)]
    [InlineData(2.0, 0.0046777349810472658379)]
    [InlineData(2.5, 0.00040695201744495893956)]
    [InlineData(3.0, 0.000022090496998585441373)]
    [InlineData(5.0, 1.5374597944280348502e-12)]
    [InlineData(8.0, 1.122429717298292708e-29)]
    [InlineData(10.0, 2.088487583762544757e-45)]
    [InlineData(15.0, 7.2129941724512066666e-100)]
    [InlineData(20.0, 5.3958656116079009289e-176)]
    [InlineData(26.0, 5.6631924088561428465e-296)]
    public void Erfc_ReferencePoints_MatchToTwelveDigits(double x, double expected) =>
        Close.Relative(expected, NormalDistribution.Erfc(x), 1e-12);

    [Fact]
    public void Cdf_At975Quantile_IsPoint975() => Close.Relative(0.975, NormalDistribution.Cdf(NormalDistribution.Z975), 1e-15);

    [Fact]
    public void Cdf_FarLeftTail_KeepsRelativePrecision()
    {
        // 1 - Φ(8.5) by subtraction is exactly 0 in doubles; the erfc route keeps every digit.
        Close.Relative(9.4795348222033183542e-18, NormalDistribution.Cdf(-8.5), 1e-12);
        Close.Relative(5.7255712225245768227e-300, NormalDistribution.Cdf(-37), 1e-12);
    }

    [Fact]
    public void TwoSidedPValue_AtZ975_IsFivePercent() =>
        Close.Relative(0.05, NormalDistribution.TwoSidedPValue(-NormalDistribution.Z975), 1e-14);

    [Fact]
    public void Erfc_BeyondUnderflow_IsZeroAndTwo()
    {
        Assert.Equal(0, NormalDistribution.Erfc(40));
        Assert.Equal(2, NormalDistribution.Erfc(-40));
    }
}
