using MmoeService.ExperimentPlatform;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.Api.Observability;
using Prometheus;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.Exposures;

[Trait("Kind", "Unit")]
public sealed class ExposureQueueMetricsTests
{
    [Fact]
    public async Task TryEnqueue_FullQueue_CountsQueuedAndDroppedPerArm()
    {
        var registry = Metrics.NewCustomRegistry();
        var queue = new ExposureQueue(Options.Create(new ExposureOptions { QueueCapacity = 2 }), new ExposureMetrics(registry));
        var time = DateTimeOffset.UnixEpoch;

        Assert.True(queue.TryEnqueue(ExperimentStoreContract.Exposure("r1", "ab", "mmoe", "u1", time)));
        Assert.True(queue.TryEnqueue(ExperimentStoreContract.Exposure("r2", "ab", "shared-bottom", "u2", time)));
        Assert.False(queue.TryEnqueue(ExperimentStoreContract.Exposure("r3", "ab", "mmoe", "u3", time)));
        Assert.False(queue.TryEnqueue(ExperimentStoreContract.Exposure("r4", null, "mmoe", "u4", time)));

        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var lines = System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\n');
        Assert.Contains("mmoe_exposures_total{experiment=\"ab\",arm=\"mmoe\",outcome=\"queued\"} 1", lines);
        Assert.Contains("mmoe_exposures_total{experiment=\"ab\",arm=\"shared-bottom\",outcome=\"queued\"} 1", lines);
        Assert.Contains("mmoe_exposures_total{experiment=\"ab\",arm=\"mmoe\",outcome=\"dropped\"} 1", lines);
        Assert.Contains("mmoe_exposures_total{experiment=\"none\",arm=\"mmoe\",outcome=\"dropped\"} 1", lines);
    }
}
