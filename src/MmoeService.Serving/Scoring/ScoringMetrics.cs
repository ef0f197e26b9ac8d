using System.Globalization;
using MmoeService.Serving.Observability;
using Prometheus;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Series of the scoring endpoints. Labels are bounded: model and arm names come from configuration, versions from the
/// repository.
/// </summary>
public sealed class ScoringMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _requestDuration;
    private readonly Histogram _candidates;

    public ScoringMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter(
            "mmoe_score_requests_total",
            "Scoring requests by model, version, arm and HTTP status (model 'none' when rejected before routing).",
            new CounterConfiguration { LabelNames = ["model", "version", "arm", "status"] });
        _requestDuration = factory.CreateHistogram(
            "mmoe_score_request_duration_seconds",
            "Time from reading the body to writing the answer of POST /score.",
            new HistogramConfiguration { LabelNames = ["model", "version", "arm"], Buckets = LatencyBuckets.Request });
        _candidates = factory.CreateHistogram(
            "mmoe_score_candidates",
            "Candidates per scoring request.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });
    }

    public void ScoreRequest(string model, string version, string arm, int status, TimeSpan duration)
    {
        _requests.WithLabels(model, version, arm, status.ToString(CultureInfo.InvariantCulture)).Inc();
        _requestDuration.WithLabels(model, version, arm).Observe(duration.TotalSeconds);
    }

    public void Candidates(string model, int count) => _candidates.WithLabels(model).Observe(count);
}
