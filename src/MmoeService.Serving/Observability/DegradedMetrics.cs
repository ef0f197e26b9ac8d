using Prometheus;

namespace MmoeService.Serving.Observability;

/// <summary>
/// <c>mmoe_degraded{mode}</c>, the one series every degraded mode reports into (draining, store_unavailable,
/// model_files:&lt;model&gt;), whichever feature owns the mode; <c>/health/ready</c> details name the same modes.
/// Every metrics class writes to the host's own <see cref="CollectorRegistry"/> (not the static default registry), so
/// several hosts in one test process never share or collide on a series.
/// </summary>
public sealed class DegradedMetrics
{
    private readonly CollectorRegistry _registry;
    private readonly Gauge _degraded;

    public DegradedMetrics(CollectorRegistry registry)
    {
        _registry = registry;
        _degraded = Metrics.WithCustomRegistry(registry).CreateGauge(
            "mmoe_degraded",
            "1 while a degraded mode is on, by mode (draining, store_unavailable, model_files:<model>); /health/ready details name the same modes.",
            new GaugeConfiguration { LabelNames = ["mode"] });
    }

    /// <summary>Evaluates <paramref name="isOn"/> at every scrape into <c>mmoe_degraded{mode}</c>.</summary>
    public void Track(string mode, Func<bool> isOn) => _registry.AddBeforeCollectCallback(() => Set(mode, isOn()));

    /// <summary>Sets the <c>mmoe_degraded</c> gauge of <paramref name="mode"/>.</summary>
    public void Set(string mode, bool on) => _degraded.WithLabels(mode).Set(on ? 1 : 0);
}
