using Prometheus;

namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>Reloads of the experiment configuration that routes users to arms.</summary>
public sealed class AssignmentMetrics
{
    private readonly Counter _configChanges;

    public AssignmentMetrics(CollectorRegistry registry)
    {
        _configChanges = Metrics.WithCustomRegistry(registry).CreateCounter(
            "mmoe_experiment_config_changes_total",
            "Experiment configuration reloads by outcome: applied, or rejected (invalid; the previous configuration keeps routing).",
            new CounterConfiguration { LabelNames = ["outcome"] });

        // Published at 0 from the start, so dashboards and alerts read 0 rather than "No data".
        _configChanges.WithLabels("applied");
        _configChanges.WithLabels("rejected");
    }

    public void ConfigAccepted() => _configChanges.WithLabels("applied").Inc();

    public void ConfigRejected() => _configChanges.WithLabels("rejected").Inc();
}
