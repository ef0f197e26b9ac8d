using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class StudySummaryTests
{
    [Fact]
    public void ConfidenceInterval_KnownSample_UsesStudentT()
    {
        // n = 4, mean 2.5, s = 1.2910; t(0.975, 3) = 3.1824 -> half-width 2.0543.
        var ci = ConfidenceInterval.Of([1, 2, 3, 4]);

        Assert.Equal(2.5, ci.Mean, 12);
        Assert.Equal(2.5 - 2.0543, ci.Lower, 3);
        Assert.Equal(2.5 + 2.0543, ci.Upper, 3);
    }

    [Fact]
    public void ConfidenceInterval_Paired_IsTheIntervalOfTheDifferences()
    {
        var paired = ConfidenceInterval.Paired([5, 7, 9], [4, 5, 6]);

        Assert.Equal(ConfidenceInterval.Of([1, 2, 3]), paired);
    }

    [Fact]
    public void ToJson_SyntheticRow_HasTheIssueShapeWithoutGroup()
    {
        var summary = new StudySummary("synthetic", "google", 1000, 20,
            [new SummaryRow("mmoe", 0.5, null, "test_loss", 1, 0.1, 0.9, 1.1, 14_818)],
            [new SummaryDifference("mmoe", "shared-bottom", 0.5, null, "test_loss", -0.2, -0.3, -0.1)]);

        var json = summary.ToJson();

        Assert.Contains("\"study\": \"synthetic\"", json, StringComparison.Ordinal);
        Assert.Contains("\"p\": 0.5", json, StringComparison.Ordinal);
        Assert.Contains("\"params\": 14818", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"group\"", json, StringComparison.Ordinal);
        Assert.Equal(summary.Rows[0], StudySummary.FromJson(json).Rows[0]);
    }

    [Fact]
    public void CensusBestRun_ValidationAndTestDisagree_PicksOnValidation()
    {
        var candidate = new CensusCandidate(16, 4, 8, 0.01);
        var result = new CensusStudyResult([CensusStudy.Models[0]], [], [],
        [
            new CensusRun(1, "mmoe", 1, 1, candidate, 1000, 3, MainValidationAuc: 0.90, MainTestAuc: 0.95, AuxTestAuc: 0.99, Seconds: 1),
            new CensusRun(1, "mmoe", 2, 2, candidate, 1000, 3, MainValidationAuc: 0.92, MainTestAuc: 0.91, AuxTestAuc: 0.99, Seconds: 1),
        ], "test", TimeSpan.Zero);

        Assert.Equal(2, result.BestRun(1, "mmoe")!.Run);
    }
}
