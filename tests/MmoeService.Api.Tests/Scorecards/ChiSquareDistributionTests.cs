using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>
/// Reference values: closed forms in Python's math module, Q(1/2, z) = erfc(√z), Q(1, z) = e^-z,
/// Q(3/2, z) = erfc(√z) + 2√(z/π)e^-z, Q(2, z) = e^-z(1 + z), Q(5/2, z) = erfc(√z) + 2√(z/π)e^-z(1 + 2z/3),
/// agreeing with mpmath.gammainc(k/2, x/2, inf, regularized=True), which gives the rest.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class ChiSquareDistributionTests
{
    [Theory]
    [InlineData(1, 3.841458820694124, 0.050000000000000057435)]
    [InlineData(1, 0.5, 0.47950012218695346232)]
    [InlineData(1, 50.0, 1.5374597944280348502e-12)]
    [InlineData(2, 0.7, 0.70468808971871345)]
    [InlineData(2, 5.991464547107979, 0.050000000000000073572)]
    [InlineData(2, 60.0, 9.3576229688401746049e-14)]
    [InlineData(3, 1.2, 0.75300431165645799148)]
    [InlineData(3, 4.5, 0.21229028736013333023)]
    [InlineData(3, 7.814727903251178, 0.050000000000000037632)]
    [InlineData(3, 80.0, 3.0692774861724171289e-17)]
    [InlineData(4, 2.0, 0.73575888234288464319)]
    [InlineData(4, 13.2767, 0.010000017972571746817)]
    [InlineData(5, 3.3, 0.65384168239445442916)]
    [InlineData(5, 11.0705, 0.049999955428043651581)]
    [InlineData(5, 100.0, 5.2851483609432400564e-20)]
    [InlineData(7, 5.0, 0.6599632296942827055)]
    [InlineData(7, 30.0, 0.000094959725081341837597)]
    [InlineData(9, 8.0, 0.53414621690969131227)]
    [InlineData(10, 2.0, 0.99634015317265628765)]
    [InlineData(10, 18.307038053275146, 0.050000000000000006706)]
    public void Survival_ReferencePoints_MatchToTwelveDigits(int degrees, double x, double expected) =>
        Close.Relative(expected, ChiSquareDistribution.Survival(x, degrees), 1e-12);

    [Fact]
    public void Survival_AtOrBelowZero_IsOne()
    {
        Assert.Equal(1, ChiSquareDistribution.Survival(0, 3));
        Assert.Equal(1, ChiSquareDistribution.Survival(-1, 1));
    }

    [Theory]
    [InlineData(1, 0.5723649429247004)]
    [InlineData(2, 0.0)]
    [InlineData(3, -0.12078223763524543)]
    [InlineData(5, 0.2846828704729196)]
    [InlineData(9, 2.453736570842443)]
    [InlineData(10, 3.178053830347945)]
    [InlineData(21, 13.940625219403763)]
    public void LogGammaOfHalf_MatchesMathLgamma(int n, double expected) =>
        Assert.Equal(expected, ChiSquareDistribution.LogGammaOfHalf(n), 14);
}
