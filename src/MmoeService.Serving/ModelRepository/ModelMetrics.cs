using MmoeService.Serving.Observability;
using Prometheus;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// Series of the model lifecycle: load attempts by outcome (a failed load is <c>outcome="failure"</c>), the served
/// version, the execution provider, and the degraded mode of a model whose served files changed on disk.
/// </summary>
public sealed class ModelMetrics
{
    private readonly Counter _loads;
    private readonly Gauge _servedVersion;
    private readonly Gauge _executionProvider;
    private readonly DegradedMetrics _degraded;

    public ModelMetrics(CollectorRegistry registry, DegradedMetrics degraded)
    {
        _degraded = degraded;
        var factory = Metrics.WithCustomRegistry(registry);
        _loads = factory.CreateCounter(
            "mmoe_model_loads_total",
            "Model version load attempts by outcome: success, or failure (the version failed to load or verify and is not served).",
            new CounterConfiguration { LabelNames = ["model", "outcome"] });
        _servedVersion = factory.CreateGauge(
            "mmoe_model_served_version",
            "Version currently served per model (absent until one loads).",
            new GaugeConfiguration { LabelNames = ["model"] });
        _executionProvider = factory.CreateGauge(
            "mmoe_execution_provider",
            "1 for the ONNX Runtime execution provider in use (CUDA or CPU).",
            new GaugeConfiguration { LabelNames = ["provider"] });
    }

    public void ModelLoaded(string model, int version)
    {
        _loads.WithLabels(model, "success").Inc();
        _servedVersion.WithLabels(model).Set(version);
    }

    public void ModelLoadFailed(string model) => _loads.WithLabels(model, "failure").Inc();

    /// <summary>Reads at every scrape whether <paramref name="model"/>'s served files changed on disk (<c>mmoe_degraded{mode="model_files:..."}</c>).</summary>
    public void TrackServedFiles(string model, Func<bool> changed) => _degraded.Track($"model_files:{model}", changed);

    public void SetExecutionProvider(string provider)
    {
        foreach (var name in new[] { "CUDA", "CPU" })
        {
            _executionProvider.WithLabels(name).Set(name == provider ? 1 : 0);
        }
    }
}
