using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Scorecards;

[Trait("Kind", "Unit")]
public sealed class LatencySummaryTests
{
    [Fact]
    public void From_UnsortedSample_MatchesPythonInclusiveQuantiles()
    {
        // statistics.quantiles(s, n=100, method='inclusive') is type 7: 11.0, 70.0, 94.0.
        var summary = LatencySummary.From([12.0, 3.5, 7.25, 40.0, 9.0, 15.5, 8.0, 100.0, 22.0, 5.0, 11.0]);

        Assert.Equal(11, summary.Samples);
        Assert.Equal(11.0, summary.P50!.Value, 12);
        Assert.Equal(70.0, summary.P95!.Value, 12);
        Assert.Equal(94.0, summary.P99!.Value, 12);
    }

    [Fact]
    public void From_FiveValues_InterpolatesBetweenRanks()
    {
        // h = 4p: p95 -> 40 + 0.8 * (50 - 40) = 48; p99 -> 40 + 0.96 * 10 = 49.6.
        var summary = LatencySummary.From([50.0, 15.0, 40.0, 20.0, 35.0]);

        Assert.Equal(35.0, summary.P50!.Value, 12);
        Assert.Equal(48.0, summary.P95!.Value, 12);
        Assert.Equal(49.6, summary.P99!.Value, 12);
    }

    [Fact]
    public void From_OneValue_IsThatValue() => Assert.Equal(7.0, LatencySummary.From([7.0]).P99);

    [Fact]
    public void From_Empty_HasNoPercentiles() => Assert.Null(LatencySummary.From([]).P50);
}
