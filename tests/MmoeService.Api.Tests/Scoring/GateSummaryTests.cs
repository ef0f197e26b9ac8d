using MmoeService.Serving.Inference;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Scoring;

[Trait("Kind", "Unit")]
public sealed class GateSummaryTests
{
    [Fact]
    public void Of_HandMadeGates_ReportsShareOfCandidatesAboveThreshold()
    {
        // 4 candidates × 3 experts per task. ctr: rows 0 and 2 exceed 0.95 on one expert; row 1 sits exactly on the
        // threshold (not above); row 3 mixes. satisfaction: only row 3 (on the last expert) is concentrated.
        float[] ctr =
        [
            0.96f, 0.02f, 0.02f,
            0.95f, 0.03f, 0.02f,
            0.01f, 0.998f, 0.001f,
            0.40f, 0.30f, 0.30f,
        ];
        float[] satisfaction =
        [
            0.50f, 0.25f, 0.25f,
            0.90f, 0.05f, 0.05f,
            0.33f, 0.33f, 0.34f,
            0.00f, 0.01f, 0.99f,
        ];

        var summary = GateSummary.Of(new InferenceResult(4, [new float[4], new float[4]], [ctr, satisfaction], 3))!;

        Assert.Equal([0.5f, 0.25f], summary.ConcentratedShare);
        Assert.Equal(0.95, GateSummary.ConcentratedAbove);
    }

    [Fact]
    public void Of_GatesOfDifferentWidths_AveragesEachTaskOverItsOwnExperts()
    {
        // A CGC-style model: task 0's gate spans 2 experts, task 1's spans 3.
        var result = new InferenceResult(2, [new float[2], new float[2]], [[0.2f, 0.8f, 0.4f, 0.6f], [0.1f, 0.1f, 0.8f, 0.3f, 0.3f, 0.4f]], 2);

        var summary = GateSummary.Of(result)!;

        Assert.Equal(0.3f, summary.MeanGates[0][0], 1e-6f);
        Assert.Equal(0.7f, summary.MeanGates[0][1], 1e-6f);
        Assert.Equal(3, summary.MeanGates[1].Length);
        Assert.Equal(0.6f, summary.MeanGates[1][2], 1e-6f);
    }

    [Fact]
    public void Of_NoGates_IsNull()
    {
        Assert.Null(GateSummary.Of(new InferenceResult(2, [new float[2], new float[2]], null, 0)));
    }
}
