using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// The read side of experiments: what is configured now (from <see cref="ExperimentConfiguration"/>, so a refused
/// reload never shows) and the training gate statistics of the models served now (from the registry).
/// </summary>
public sealed class ExperimentCatalog(ExperimentConfiguration configuration, ModelRegistry registry, TimeProvider time, IOptions<ScorecardOptions> scorecards)
{
    public IReadOnlyList<ExperimentSummary> List()
    {
        var options = configuration.Current;
        return options.Experiments
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => Design(e.Key, e.Value, options.Active))
            .Select(d => new ExperimentSummary(
                d.Name,
                d.Status,
                d.Active,
                d.Coverage,
                d.ControlArm,
                d.Arms,
                $"/experiments/{Uri.EscapeDataString(d.Name)}/scorecard",
                $"/dashboard/{Uri.EscapeDataString(d.Name)}"))
            .ToArray();
    }

    /// <summary>The experiment's design, or null when no experiment of that name is configured.</summary>
    public ExperimentDesign? Find(string name)
    {
        var options = configuration.Current;
        return options.Experiments.TryGetValue(name, out var definition) && definition is not null ? Design(name, definition, options.Active) : null;
    }

    /// <summary>The scorecard of <paramref name="design"/> over what the store returned for it.</summary>
    public Scorecard Score(ExperimentDesign design, IReadOnlyList<ArmObservations> observations)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(observations);
        var baselines = new Dictionary<string, GateBaseline>(StringComparer.Ordinal);
        var tasks = new List<string>();
        foreach (var model in design.Arms.Select(a => a.Model).Concat(observations.Select(o => o.Model)).Distinct(StringComparer.Ordinal))
        {
            var (modelTasks, baseline) = Facts(model);
            tasks.AddRange(modelTasks);
            if (baseline is not null)
            {
                baselines[model] = baseline;
            }
        }

        var scorecard = ScorecardCalculator.Compute(design with { Power = scorecards.Value.Power }, observations, baselines, tasks.Distinct(StringComparer.Ordinal).ToArray(), time.GetUtcNow());
        return configuration.Current.Experiments.GetValueOrDefault(design.Name) is { } definition
            ? scorecard with { Interleaving = Interleaving.InterleavingScorecards.Compute(definition, observations) }
            : scorecard;
    }

    // Control first, then the other arms in ordinal order (the order the router splits buckets in).
    private static ExperimentDesign Design(string name, ExperimentDefinition definition, string? active) => new(
        name,
        definition.Status == ExperimentStatus.Running ? "running" : "stopped",
        definition.Coverage,
        definition.Control,
        definition.Arms
            .OrderBy(a => a.Key == definition.Control ? 0 : 1)
            .ThenBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new ArmDesign(a.Key, a.Value.Model, a.Value.Weight))
            .ToArray(),
        string.Equals(active, name, StringComparison.Ordinal),
        definition.Sequential?.TuningUnits ?? SequentialDefinition.DefaultTuningUnits,
        definition.Sequential?.PlannedUnits);

    // The served version's manifest: its task order, and its training gate statistics (Shared-Bottom has none).
    private (IReadOnlyList<string> Tasks, GateBaseline? Baseline) Facts(string model)
    {
        using var lease = registry.Acquire(model);
        if (lease is null)
        {
            return ([], null);
        }

        var manifest = lease.Snapshot.Manifest;
        var tasks = manifest.Tasks.Select(t => t.Name).ToArray();
        return (tasks, manifest.Gates.Count == 0 ? null : new GateBaseline(manifest.Version, tasks, manifest.Gates, manifest.ExpertDiversity));
    }
}
