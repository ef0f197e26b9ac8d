using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Scorecards;

[Trait("Kind", "Unit")]
public sealed class RankAucTests
{
    private static LabeledPrediction[] Sample(float[] predicted, int[] labels) =>
        predicted.Select((p, i) => new LabeledPrediction(p, labels[i] == 1)).ToArray();

    [Fact]
    public void Compute_TiesAcrossClasses_CountHalf()
    {
        // Python brute force over the 4 x 5 positive/negative pairs, ½ per tie: 13.5 / 20 = 0.675.
        var sample = Sample([0.1f, 0.4f, 0.35f, 0.8f, 0.4f, 0.4f, 0.2f, 0.8f, 0.05f], [0, 1, 0, 1, 0, 1, 1, 0, 0]);

        Assert.Equal(0.675, RankAuc.Compute(sample)!.Value, 12);
    }

    [Fact]
    public void Compute_PerfectSeparation_IsOne() =>
        Assert.Equal(1.0, RankAuc.Compute(Sample([0.1f, 0.2f, 0.8f, 0.9f], [0, 0, 1, 1])));

    [Fact]
    public void Compute_AllTied_IsHalf() =>
        Assert.Equal(0.5, RankAuc.Compute(Sample([0.3f, 0.3f, 0.3f, 0.3f], [0, 1, 0, 1])));

    [Fact]
    public void Compute_OneClassOnly_IsNull() => Assert.Null(RankAuc.Compute(Sample([0.1f, 0.2f], [1, 1])));
}
