using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Api.Tests.Statistics;

[Trait("Kind", "Unit")]
public sealed class WilsonIntervalTests
{
    [Fact]
    public void Of_TenOfTwoHundred_MatchesScoreInterval()
    {
        // (p + z²/2n ± z·√(p(1-p)/n + z²/4n²)) / (1 + z²/n) with p = 0.05, n = 200, z = 1.959963984540054 (mpmath).
        var interval = WilsonInterval.Of(10, 200);
        Assert.Equal(0.02738264560076392, interval.Lower, 12);
        Assert.Equal(0.08957814813877600, interval.Upper, 12);
    }

    [Fact]
    public void Of_NoSuccesses_StartsAtZero()
    {
        var interval = WilsonInterval.Of(0, 200);
        Assert.Equal(0, interval.Lower);
        Assert.True(interval.Upper is > 0 and < 0.03);
    }

    [Fact]
    public void Of_AllSuccesses_EndsAtOne()
    {
        Assert.Equal(1, WilsonInterval.Of(200, 200).Upper);
    }
}
