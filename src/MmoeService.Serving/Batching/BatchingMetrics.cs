using MmoeService.Serving.Observability;
using Prometheus;

namespace MmoeService.Serving.Batching;

/// <summary>Series of ONNX Runtime runs and of the dynamic batcher that groups requests into them.</summary>
public sealed class BatchingMetrics
{
    private readonly Histogram _inferenceDuration;
    private readonly Histogram _batchQueueTime;
    private readonly Histogram _batchRows;

    public BatchingMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _inferenceDuration = factory.CreateHistogram(
            "mmoe_inference_duration_seconds",
            "Time of one ONNX Runtime run.",
            new HistogramConfiguration { LabelNames = ["model", "version"], Buckets = LatencyBuckets.Request });
        _batchQueueTime = factory.CreateHistogram(
            "mmoe_batch_queue_duration_seconds",
            "Time a request's rows waited in the dynamic batcher before their run started.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = Histogram.ExponentialBuckets(0.00001, 2, 16) });
        _batchRows = factory.CreateHistogram(
            "mmoe_batch_rows",
            "Rows (candidates) per ONNX Runtime run of the dynamic batcher.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = [1, 10, 50, 100, 200, 500, 1000, 2000, 4000, 8000, 16000] });
    }

    public void Inference(string model, string version, TimeSpan duration) =>
        _inferenceDuration.WithLabels(model, version).Observe(duration.TotalSeconds);

    public void BatchQueued(string model, TimeSpan waited) => _batchQueueTime.WithLabels(model).Observe(waited.TotalSeconds);

    public void BatchRun(string model, int rows) => _batchRows.WithLabels(model).Observe(rows);
}
