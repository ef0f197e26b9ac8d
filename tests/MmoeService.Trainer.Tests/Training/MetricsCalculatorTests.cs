using System.Text.Json;
using MmoeService.Contracts;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Tests.Training;

public sealed class MetricsCalculatorTests
{
    [Fact]
    public void Auc_PerfectRanking_IsOne() =>
        Assert.Equal(1.0, MetricsCalculator.Auc([0.1f, 0.2f, 0.8f, 0.9f], [0, 0, 1, 1]), 12);

    [Fact]
    public void Auc_ReversedRanking_IsZero() =>
        Assert.Equal(0.0, MetricsCalculator.Auc([0.9f, 0.8f, 0.2f, 0.1f], [0, 0, 1, 1]), 12);

    [Fact]
    public void Auc_TiedScores_CountHalf() =>
        Assert.Equal(0.5, MetricsCalculator.Auc([0.5f, 0.5f, 0.5f, 0.5f], [0, 1, 0, 1]), 12);

    [Fact]
    public void Auc_MixedRanking_MatchesPairCount()
    {
        // Positives 0.4 and 0.8 against negatives 0.1, 0.6: 3 of 4 pairs ordered correctly.
        Assert.Equal(0.75, MetricsCalculator.Auc([0.1f, 0.4f, 0.6f, 0.8f], [0, 1, 0, 1]), 12);
    }

    [Fact]
    public void Auc_OneClass_IsNaN() => Assert.True(double.IsNaN(MetricsCalculator.Auc([0.1f, 0.2f], [1, 1])));

    [Fact]
    public void ForTask_BinaryWithOneClass_AucIsNullWithAReason()
    {
        var metrics = MetricsCalculator.ForTask(TaskKind.Binary, [0.1f, 0.7f, 0.2f], [0, 0, 0]);

        Assert.Null(metrics.Auc);
        Assert.NotNull(metrics.LogLoss);
        Assert.Contains("only one class", metrics.Unavailable!["auc"], StringComparison.Ordinal);
    }

    [Fact]
    public void ForTask_RegressionWithConstantLabels_R2IsNullWithAReason()
    {
        var metrics = MetricsCalculator.ForTask(TaskKind.Regression, [1, 2, 3], [2, 2, 2]);

        Assert.Null(metrics.R2);
        Assert.NotNull(metrics.Rmse);
        Assert.Contains("constant", metrics.Unavailable!["r2"], StringComparison.Ordinal);
    }

    [Fact]
    public void ForTask_Computable_HasNoReasons() =>
        Assert.Null(MetricsCalculator.ForTask(TaskKind.Binary, [0.1f, 0.9f], [0, 1]).Unavailable);

    [Fact]
    public void ForTask_OneClass_ManifestJsonHasNullAndReasonNeverNaN()
    {
        var metrics = MetricsCalculator.ForTask(TaskKind.Binary, [0.1f, 0.7f], [1, 1]);

        var json = JsonSerializer.Serialize(metrics, ModelFiles.JsonOptions);

        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("auc").ValueKind);
        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("unavailable").GetProperty("auc").ValueKind);
    }

    [Fact]
    public void LogLoss_HalfProbability_IsLnTwo() =>
        Assert.Equal(Math.Log(2), MetricsCalculator.LogLoss([0.5f, 0.5f], [0, 1]), 6);

    [Fact]
    public void R2_ExactPredictions_IsOne() => Assert.Equal(1.0, MetricsCalculator.R2([1, 2, 3], [1, 2, 3]), 12);

    [Fact]
    public void R2_MeanPrediction_IsZero() => Assert.Equal(0.0, MetricsCalculator.R2([2, 2, 2], [1, 2, 3]), 12);

    [Fact]
    public void Rmse_KnownErrors_IsRootMeanSquare() => Assert.Equal(Math.Sqrt(2.5), MetricsCalculator.Rmse([0, 0], [1, 2]), 12);

    [Fact]
    public void GateStatistics_UniformGate_HasMaximumEntropy()
    {
        var stats = GateStatisticsCalculator.Compute([0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f], 4);

        Assert.All(stats.MeanWeights, w => Assert.Equal(0.25, w, 6));
        Assert.Equal(Math.Log(4), stats.MeanEntropy, 6);
    }

    [Fact]
    public void GateStatistics_CollapsedGate_HasZeroEntropy()
    {
        var stats = GateStatisticsCalculator.Compute([1f, 0f, 0f, 1f, 0f, 0f], 3);

        Assert.Equal([1.0, 0.0, 0.0], stats.MeanWeights);
        Assert.Equal(0.0, stats.MeanEntropy, 12);
    }
}
