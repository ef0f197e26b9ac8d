using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using Prometheus;

namespace MmoeService.Api.Tests.Exposures;

[Trait("Kind", "Unit")]
public sealed class ExposureRecorderTests
{
    private static readonly GateSummary Gates = new([[0.5f, 0.5f], [0.9f, 0.1f]], [0f, 0.25f]);

    private readonly ExposureQueue _queue = new(
        Options.Create(new ExposureOptions { QueueCapacity = 10 }), new ExposureMetrics(Metrics.NewCustomRegistry()));

    [Fact]
    public void Observe_RoutedRequest_QueuesItsExposureWithTheGateSummary()
    {
        new ExposureRecorder(_queue).Observe(Scored(routed: true));

        Assert.True(_queue.Reader.TryRead(out var exposure));
        Assert.Equal("r1", exposure.RequestId);
        Assert.Equal("treatment", exposure.Arm);
        Assert.Equal(4, exposure.Candidates);
        Assert.Equal([0f, 0.25f], exposure.ConcentratedShare);
        Assert.Equal("i1", Assert.Single(exposure.Items).ItemId);
    }

    [Fact]
    public void Observe_NamedModelRequest_IsNotExperimentData()
    {
        new ExposureRecorder(_queue).Observe(Scored(routed: false));

        Assert.False(_queue.Reader.TryRead(out _));
    }

    [Fact]
    public void Observe_RejectedRoutedRequest_QueuesAFailedExposureWithoutCandidates()
    {
        new ExposureRecorder(_queue).Observe(Scored(routed: true) with { Status = 422, Items = [], Gates = null });

        Assert.True(_queue.Reader.TryRead(out var exposure));
        Assert.Equal(422, exposure.StatusCode);
        Assert.Equal(0, exposure.Candidates);
    }

    private static ScoredRequest Scored(bool routed) => new(
        "r1", "unit", 4, new RouteDecision("mmoe", "ab", "treatment", true, AssignmentReason.Hash), routed, 1,
        ["ctr", "satisfaction"], [new ShownItem("i1", 1, [0.1f, 0.2f], 0.02)], Gates, 200, TimeSpan.FromMilliseconds(3), DateTimeOffset.UnixEpoch);
}
