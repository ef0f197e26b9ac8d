using Prometheus;

namespace MmoeService.ExperimentPlatform.Exposures;

/// <summary>
/// Series of the exposure path from scoring to the store: offered to the queue (queued or dropped, per arm), waiting in
/// it, written, failed writes and exposures lost at shutdown. Labels are bounded: experiment and arm names come from
/// configuration, outcomes and reasons are fixed sets.
/// </summary>
public sealed class ExposureMetrics
{
    private readonly CollectorRegistry _registry;
    private readonly Counter _exposures;
    private readonly Gauge _queueDepth;
    private readonly Counter _written;
    private readonly Counter _storeFailures;
    private readonly Counter _lost;
    private readonly Histogram _batch;

    public ExposureMetrics(CollectorRegistry registry)
    {
        _registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        _exposures = factory.CreateCounter(
            "mmoe_exposures_total",
            "Exposures offered to the queue to the store by experiment ('none' outside one), arm and outcome: queued, or dropped because the queue was full (Exposures:QueueCapacity), which the scorecard will miss.",
            new CounterConfiguration { LabelNames = ["experiment", "arm", "outcome"] });
        _queueDepth = factory.CreateGauge(
            "mmoe_exposure_queue_depth",
            "Exposures waiting in memory for the store.");
        _written = factory.CreateCounter(
            "mmoe_exposures_written_total",
            "Exposure events committed to the experiment store, live or replayed from the spool.");
        _storeFailures = factory.CreateCounter(
            "mmoe_exposure_store_failures_total",
            "Failed attempts to write a batch of exposures (retried with backoff; the events stay in memory).");
        _lost = factory.CreateCounter(
            "mmoe_exposures_lost_total",
            "Exposure events taken from the queue but never stored, by reason (shutdown: the store was unreachable while draining).",
            new CounterConfiguration { LabelNames = ["reason"] });
        _batch = factory.CreateHistogram(
            "mmoe_exposure_write_batch_size",
            "Exposure events per store transaction.",
            new HistogramConfiguration { Buckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] });

        // Published at 0 from the start, so dashboards and alerts read 0 rather than "No data".
        _lost.WithLabels("shutdown");
    }

    /// <summary>Reads the queue's depth at every scrape rather than on every enqueue and dequeue.</summary>
    public void TrackQueue(Func<int> depth) => _registry.AddBeforeCollectCallback(() => _queueDepth.Set(depth()));

    /// <summary>One exposure offered to the queue: queued, or dropped because it was full.</summary>
    public void Exposure(string? experiment, string arm, bool queued) =>
        _exposures.WithLabels(experiment ?? "none", arm, queued ? "queued" : "dropped").Inc();

    public void ExposuresWritten(int count)
    {
        _written.Inc(count);
        _batch.Observe(count);
    }

    public void ExposureStoreFailed() => _storeFailures.Inc();

    public void ExposuresLost(string reason, int count) => _lost.WithLabels(reason).Inc(count);
}
