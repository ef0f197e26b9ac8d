using Prometheus;

namespace MmoeService.Api.Limits;

/// <summary>Data-plane requests the admission limits turned away.</summary>
public sealed class LimitsMetrics(CollectorRegistry registry)
{
    private readonly Counter _rejected = Metrics.WithCustomRegistry(registry).CreateCounter(
        "mmoe_requests_rejected_total",
        "Data-plane requests turned away before running: reason concurrency (503, Limits:MaxConcurrentRequests and QueueLimit full) or client_rate (429).",
        new CounterConfiguration { LabelNames = ["reason"] });

    public void RequestRejected(string reason) => _rejected.WithLabels(reason).Inc();
}
