using Prometheus;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>Series of <c>POST /feedback</c>: events stored, orphaned among them, and batches refused by reason.</summary>
public sealed class FeedbackMetrics
{
    private readonly Counter _events;
    private readonly Counter _orphaned;
    private readonly Counter _rejected;

    public FeedbackMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _events = factory.CreateCounter(
            "mmoe_feedback_events_total",
            "Feedback events committed to the store (orphaned ones included).");
        _orphaned = factory.CreateCounter(
            "mmoe_feedback_orphaned_total",
            "Feedback events whose exposure (requestId, itemId) was not in the store when they were written; kept all the same.");
        _rejected = factory.CreateCounter(
            "mmoe_feedback_rejected_total",
            "POST /feedback batches refused, by reason (invalid, too_large, unavailable).",
            new CounterConfiguration { LabelNames = ["reason"] });

        // Published at 0 from the start, so dashboards and alerts read 0 rather than "No data".
        foreach (var reason in new[] { "invalid", "too_large", "unavailable" })
        {
            _rejected.WithLabels(reason);
        }
    }

    public void FeedbackWritten(int events, int orphaned)
    {
        _events.Inc(events);
        _orphaned.Inc(orphaned);
    }

    public void FeedbackRejected(string reason) => _rejected.WithLabels(reason).Inc();
}
