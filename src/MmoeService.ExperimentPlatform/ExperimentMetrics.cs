using Prometheus;
using MmoeService.Serving.Observability;

namespace MmoeService.ExperimentPlatform;

/// <summary>
/// Prometheus series of the experiment platform (routing configuration, exposure store, feedback), on the host's
/// <see cref="CollectorRegistry"/> like <see cref="ServingMetrics"/>. Labels are bounded: outcomes and reasons are fixed sets.
/// </summary>
public sealed class ExperimentMetrics
{
    private readonly Counter _configChanges;
    private readonly Counter _exposuresDropped;
    private readonly Gauge _exposureQueueDepth;
    private readonly Counter _exposures;
    private readonly CollectorRegistry _registry;
    private readonly Counter _exposuresWritten;
    private readonly Counter _exposureStoreFailures;
    private readonly Counter _exposuresLost;
    private readonly Histogram _exposureBatch;
    private readonly Counter _feedbackEvents;
    private readonly Counter _feedbackOrphaned;
    private readonly Counter _feedbackRejected;
    private readonly Gauge _spoolRecords;
    private readonly Gauge _spoolBytes;
    private readonly Gauge _spoolOldestAge;
    private readonly Gauge _spoolCapacity;
    private readonly Counter _exposuresSpooled;
    private readonly Counter _exposuresReplayed;
    private readonly Counter _spoolCorrupt;
    private readonly Counter _spoolDropped;
    private Spool.ExposureSpool? _spool;

    public ExperimentMetrics(CollectorRegistry registry)
    {
        _registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        _exposuresDropped = factory.CreateCounter(
            "mmoe_exposures_dropped_total",
            "Exposures dropped because the in-memory queue to the store was full (Exposures:QueueCapacity).");
        _exposureQueueDepth = factory.CreateGauge(
            "mmoe_exposure_queue_depth",
            "Exposures waiting in memory for the store.");
        _exposures = factory.CreateCounter(
            "mmoe_exposures_total",
            "Exposures offered to the queue to the store by experiment ('none' outside one), arm and outcome (queued, dropped): the per-arm view of the drops the scorecard will miss.",
            new CounterConfiguration { LabelNames = ["experiment", "arm", "outcome"] });
        _configChanges = factory.CreateCounter(
            "mmoe_experiment_config_changes_total",
            "Experiment configuration reloads by outcome: applied, or rejected (invalid; the previous configuration keeps routing).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _exposuresWritten = factory.CreateCounter(
            "mmoe_exposures_written_total",
            "Exposure events committed to the experiment store, live or replayed from the spool.");
        _exposureStoreFailures = factory.CreateCounter(
            "mmoe_exposure_store_failures_total",
            "Failed attempts to write a batch of exposures (retried with backoff; the events stay in memory).");
        _exposuresLost = factory.CreateCounter(
            "mmoe_exposures_lost_total",
            "Exposure events taken from the queue but never stored, by reason (shutdown: the store was unreachable while draining).",
            new CounterConfiguration { LabelNames = ["reason"] });
        _exposureBatch = factory.CreateHistogram(
            "mmoe_exposure_write_batch_size",
            "Exposure events per store transaction.",
            new HistogramConfiguration { Buckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] });
        _feedbackEvents = factory.CreateCounter(
            "mmoe_feedback_events_total",
            "Feedback events committed to the store (orphaned ones included).");
        _feedbackOrphaned = factory.CreateCounter(
            "mmoe_feedback_orphaned_total",
            "Feedback events whose exposure (requestId, itemId) was not in the store when they were written; kept all the same.");
        _feedbackRejected = factory.CreateCounter(
            "mmoe_feedback_rejected_total",
            "POST /feedback batches refused, by reason (invalid, too_large, unavailable).",
            new CounterConfiguration { LabelNames = ["reason"] });
        _spoolRecords = factory.CreateGauge(
            "mmoe_exposure_spool_records",
            "Exposures in the local disk spool waiting to be replayed into the store.");
        _spoolBytes = factory.CreateGauge(
            "mmoe_exposure_spool_bytes",
            "Bytes of the exposure spool's segment files on disk (bounded by Exposures:Spool:MaxBytes).");
        _spoolOldestAge = factory.CreateGauge(
            "mmoe_exposure_spool_oldest_age_seconds",
            "Age of the oldest spooled exposure not yet replayed (to within one replay batch); 0 when the spool is empty: how far behind the store is.");
        _spoolCapacity = factory.CreateGauge(
            "mmoe_exposure_spool_capacity_bytes",
            "Exposures:Spool:MaxBytes, the most the spool may hold on disk (0 with the spool off); beyond it exposures are dropped.");
        _exposuresSpooled = factory.CreateCounter(
            "mmoe_exposures_spooled_total",
            "Exposures appended to the disk spool because the store was down, slow, or the queue passed its high-water mark.");
        _exposuresReplayed = factory.CreateCounter(
            "mmoe_exposures_replayed_total",
            "Spooled exposures committed to the store by replay; its rate is the replay rate.");
        _spoolCorrupt = factory.CreateCounter(
            "mmoe_exposure_spool_corrupt_total",
            "Spool records found damaged (checksum, torn tail, undecodable) by the process that found them; skipped, never replayed.");
        _spoolDropped = factory.CreateCounter(
            "mmoe_exposure_spool_dropped_total",
            "Exposures dropped because the disk spool was full (Exposures:Spool:MaxBytes) or its disk failed.");

        // Failure counters publish 0 from the start, so dashboards and alerts read 0 rather than "No data".
        _exposuresLost.WithLabels("shutdown");
        _configChanges.WithLabels("applied");
        _configChanges.WithLabels("rejected");
        foreach (var reason in new[] { "invalid", "too_large", "unavailable" })
        {
            _feedbackRejected.WithLabels(reason);
        }

        registry.AddBeforeCollectCallback(() =>
        {
            var spool = _spool;
            _spoolRecords.Set(spool?.Records ?? 0);
            _spoolBytes.Set(spool?.Bytes ?? 0);
            _spoolOldestAge.Set(spool?.OldestAge.TotalSeconds ?? 0);
            _spoolCapacity.Set(spool?.CapacityBytes ?? 0);
        });
    }

    /// <summary>The spool whose depth every scrape reads (the latest one registered).</summary>
    public void TrackSpool(Spool.ExposureSpool spool) => _spool = spool;

    public void ExposuresSpooled(int count) => _exposuresSpooled.Inc(count);

    public void ExposuresReplayed(int count) => _exposuresReplayed.Inc(count);

    public void SpoolCorrupt(long count) => _spoolCorrupt.Inc(count);

    public void SpoolDropped(int count) => _spoolDropped.Inc(count);

    /// <summary>Reads the queue's depth at every scrape rather than on every enqueue and dequeue.</summary>
    public void TrackExposureQueue(Func<int> depth) => _registry.AddBeforeCollectCallback(() => _exposureQueueDepth.Set(depth()));

    public void ExposureDropped() => _exposuresDropped.Inc();

    /// <summary>One exposure offered to the queue: queued, or dropped because it was full.</summary>
    public void Exposure(string? experiment, string arm, bool queued) =>
        _exposures.WithLabels(experiment ?? "none", arm, queued ? "queued" : "dropped").Inc();

    public void ConfigAccepted() => _configChanges.WithLabels("applied").Inc();

    public void ConfigRejected() => _configChanges.WithLabels("rejected").Inc();

    public void ExposuresWritten(int count)
    {
        _exposuresWritten.Inc(count);
        _exposureBatch.Observe(count);
    }

    public void ExposureStoreFailed() => _exposureStoreFailures.Inc();

    public void ExposuresLost(string reason, int count) => _exposuresLost.WithLabels(reason).Inc(count);

    public void FeedbackWritten(int events, int orphaned)
    {
        _feedbackEvents.Inc(events);
        _feedbackOrphaned.Inc(orphaned);
    }

    public void FeedbackRejected(string reason) => _feedbackRejected.WithLabels(reason).Inc();
}
