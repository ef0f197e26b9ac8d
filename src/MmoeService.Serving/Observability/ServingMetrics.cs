using Prometheus;

namespace MmoeService.Serving.Observability;

/// <summary>
/// Every Prometheus series the service exports, on one per-host <see cref="CollectorRegistry"/> (not the static
/// default registry), so several hosts in one test process never share or collide on a series.
/// Label values are bounded: model and arm names come from configuration, versions from the repository.
/// </summary>
public sealed class ServingMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _requestDuration;
    private readonly Histogram _inferenceDuration;
    private readonly Histogram _candidates;
    private readonly Counter _modelLoads;
    private readonly Counter _modelLoadFailures;
    private readonly Gauge _servedVersion;
    private readonly Gauge _executionProvider;
    private readonly CollectorRegistry _registry;
    private readonly Counter _rejected;
    private readonly Gauge _degraded;
    private readonly Histogram _batchQueueTime;
    private readonly Histogram _batchRows;

    public ServingMetrics(CollectorRegistry registry)
    {
        _registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        var latency = Histogram.ExponentialBuckets(0.00025, 2, 16);
        _requests = factory.CreateCounter(
            "mmoe_score_requests_total",
            "Scoring requests by model, version, arm and HTTP status (model 'none' when rejected before routing).",
            new CounterConfiguration { LabelNames = ["model", "version", "arm", "status"] });
        _requestDuration = factory.CreateHistogram(
            "mmoe_score_request_duration_seconds",
            "Time from reading the body to writing the answer of POST /score.",
            new HistogramConfiguration { LabelNames = ["model", "version", "arm"], Buckets = latency });
        _inferenceDuration = factory.CreateHistogram(
            "mmoe_inference_duration_seconds",
            "Time of one ONNX Runtime run.",
            new HistogramConfiguration { LabelNames = ["model", "version"], Buckets = latency });
        _candidates = factory.CreateHistogram(
            "mmoe_score_candidates",
            "Candidates per scoring request.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });
        _modelLoads = factory.CreateCounter(
            "mmoe_model_loads_total",
            "Model version load attempts by outcome (success, failure).",
            new CounterConfiguration { LabelNames = ["model", "outcome"] });
        _modelLoadFailures = factory.CreateCounter(
            "mmoe_model_load_failures_total",
            "Model versions that failed to load or verify and are not served.",
            new CounterConfiguration { LabelNames = ["model"] });
        _servedVersion = factory.CreateGauge(
            "mmoe_model_served_version",
            "Version currently served per model (absent until one loads).",
            new GaugeConfiguration { LabelNames = ["model"] });
        _executionProvider = factory.CreateGauge(
            "mmoe_execution_provider",
            "1 for the ONNX Runtime execution provider in use (CUDA or CPU).",
            new GaugeConfiguration { LabelNames = ["provider"] });
        _batchQueueTime = factory.CreateHistogram(
            "mmoe_batch_queue_duration_seconds",
            "Time a request's rows waited in the dynamic batcher before their run started.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = Histogram.ExponentialBuckets(0.00001, 2, 16) });
        _batchRows = factory.CreateHistogram(
            "mmoe_batch_rows",
            "Rows (candidates) per ONNX Runtime run of the dynamic batcher.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = [1, 10, 50, 100, 200, 500, 1000, 2000, 4000, 8000, 16000] });
        _rejected = factory.CreateCounter(
            "mmoe_requests_rejected_total",
            "Data-plane requests turned away before running: reason concurrency (503, Limits:MaxConcurrentRequests and QueueLimit full) or client_rate (429).",
            new CounterConfiguration { LabelNames = ["reason"] });
        _degraded = factory.CreateGauge(
            "mmoe_degraded",
            "1 while a degraded mode is on, by mode (draining, store_unavailable, model_files:<model>); /health/ready details name the same modes.",
            new GaugeConfiguration { LabelNames = ["mode"] });
    }

    /// <summary>Evaluates <paramref name="isOn"/> at every scrape into <c>mmoe_degraded{mode}</c>.</summary>
    public void TrackDegraded(string mode, Func<bool> isOn) => _registry.AddBeforeCollectCallback(() => Degraded(mode, isOn()));

    public void RequestRejected(string reason) => _rejected.WithLabels(reason).Inc();

    /// <summary>Sets the <c>mmoe_degraded</c> gauge of <paramref name="mode"/>.</summary>
    public void Degraded(string mode, bool on) => _degraded.WithLabels(mode).Set(on ? 1 : 0);
    public void ScoreRequest(string model, string version, string arm, int status, TimeSpan duration)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _requests.WithLabels(model, version, arm, code).Inc();
        _requestDuration.WithLabels(model, version, arm).Observe(duration.TotalSeconds);
    }

    public void Inference(string model, string version, TimeSpan duration) =>
        _inferenceDuration.WithLabels(model, version).Observe(duration.TotalSeconds);

    public void BatchQueued(string model, TimeSpan waited) => _batchQueueTime.WithLabels(model).Observe(waited.TotalSeconds);

    public void BatchRun(string model, int rows) => _batchRows.WithLabels(model).Observe(rows);

    public void Candidates(string model, int count) => _candidates.WithLabels(model).Observe(count);

    public void ModelLoaded(string model, int version)
    {
        _modelLoads.WithLabels(model, "success").Inc();
        _servedVersion.WithLabels(model).Set(version);
    }

    public void ModelLoadFailed(string model)
    {
        _modelLoads.WithLabels(model, "failure").Inc();
        _modelLoadFailures.WithLabels(model).Inc();
    }

    public void SetExecutionProvider(string provider)
    {
        foreach (var name in new[] { "CUDA", "CPU" })
        {
            _executionProvider.WithLabels(name).Set(name == provider ? 1 : 0);
        }
    }
}
