using Microsoft.Extensions.Options;
using MmoeService.Api.Experiments;
using MmoeService.Api.Exposures;
using MmoeService.Api.Inference;
using MmoeService.Api.Observability;
using Prometheus;

namespace MmoeService.Api.Tests.Unit;

public sealed class ExposureRecorderTests
{
    private readonly ExposureQueue _queue = new(
        Options.Create(new ExposureOptions { QueueCapacity = 10 }), new ApiMetrics(Metrics.NewCustomRegistry()));

    [Fact]
    public void Scored_HandMadeGates_ReportsShareOfCandidatesAboveThreshold()
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
        var result = new InferenceResult(4, [new float[4], new float[4]], [ctr, satisfaction], 3);

        var exposure = Record(result);

        Assert.Equal(4, exposure.Candidates);
        Assert.Equal([0.5f, 0.25f], exposure.ConcentratedShare);
        Assert.Equal(0.95, ExposureRecorder.ConcentratedAbove);
    }

    [Fact]
    public void Scored_NoGates_ConcentratedShareIsNull()
    {
        var exposure = Record(new InferenceResult(2, [new float[2], new float[2]], null, 0));

        Assert.Null(exposure.ConcentratedShare);
        Assert.Null(exposure.MeanGates);
        Assert.Equal(2, exposure.Candidates);
    }

    private ExposureEvent Record(InferenceResult result)
    {
        var recorder = new ExposureRecorder(_queue, TimeProvider.System);
        Assert.True(recorder.Scored(
            "r1", "unit", new RouteDecision("mmoe", "ab", "treatment", true, AssignmentReason.Hash), 1,
            ["ctr", "satisfaction"], [new ExposedItem("i1", 1, [0.1f, 0.2f], 0.02)], result, TimeSpan.FromMilliseconds(3)));
        Assert.True(_queue.Reader.TryRead(out var exposure));
        return exposure;
    }
}
