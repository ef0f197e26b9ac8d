using Prometheus;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>Series of the local disk spool that holds exposures while the store is down or slow.</summary>
public sealed class SpoolMetrics
{
    private readonly Gauge _records;
    private readonly Gauge _bytes;
    private readonly Gauge _oldestAge;
    private readonly Gauge _capacity;
    private readonly Counter _spooled;
    private readonly Counter _replayed;
    private readonly Counter _corrupt;
    private readonly Counter _dropped;
    private ExposureSpool? _spool;

    public SpoolMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _records = factory.CreateGauge(
            "mmoe_exposure_spool_records",
            "Exposures in the local disk spool waiting to be replayed into the store.");
        _bytes = factory.CreateGauge(
            "mmoe_exposure_spool_bytes",
            "Bytes of the exposure spool's segment files on disk (bounded by Exposures:Spool:MaxBytes).");
        _oldestAge = factory.CreateGauge(
            "mmoe_exposure_spool_oldest_age_seconds",
            "Age of the oldest spooled exposure not yet replayed (to within one replay batch); 0 when the spool is empty: how far behind the store is.");
        _capacity = factory.CreateGauge(
            "mmoe_exposure_spool_capacity_bytes",
            "Exposures:Spool:MaxBytes, the most the spool may hold on disk (0 with the spool off); beyond it exposures are dropped.");
        _spooled = factory.CreateCounter(
            "mmoe_exposures_spooled_total",
            "Exposures appended to the disk spool because the store was down, slow, or the queue passed its high-water mark.");
        _replayed = factory.CreateCounter(
            "mmoe_exposures_replayed_total",
            "Spooled exposures committed to the store by replay; its rate is the replay rate.");
        _corrupt = factory.CreateCounter(
            "mmoe_exposure_spool_corrupt_total",
            "Spool records found damaged (checksum, torn tail, undecodable) by the process that found them; skipped, never replayed.");
        _dropped = factory.CreateCounter(
            "mmoe_exposure_spool_dropped_total",
            "Exposures dropped because the disk spool was full (Exposures:Spool:MaxBytes) or its disk failed.");

        registry.AddBeforeCollectCallback(() =>
        {
            var spool = _spool;
            _records.Set(spool?.Records ?? 0);
            _bytes.Set(spool?.Bytes ?? 0);
            _oldestAge.Set(spool?.OldestAge.TotalSeconds ?? 0);
            _capacity.Set(spool?.CapacityBytes ?? 0);
        });
    }

    /// <summary>The spool whose depth every scrape reads (the latest one registered).</summary>
    public void TrackSpool(ExposureSpool spool) => _spool = spool;

    public void ExposuresSpooled(int count) => _spooled.Inc(count);

    public void ExposuresReplayed(int count) => _replayed.Inc(count);

    public void SpoolCorrupt(long count) => _corrupt.Inc(count);

    public void SpoolDropped(int count) => _dropped.Inc(count);
}
