using Microsoft.Extensions.Options;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Routing;

namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>
/// Cross-field rules of the routing configuration, every failure at once with the key to fix: the default model
/// and every arm's model of the active experiment are enabled served models, an A/B experiment's weights sum to 100, an
/// interleaving experiment has exactly two arms, a control arm exists, arm names are unique,
/// the salt is present, overrides name existing arms, coverage lies in 0..100, the active experiment exists, tuning
/// and planned units are positive.
/// </summary>
public sealed class ExperimentOptionsValidator(IOptions<ModelRepositoryOptions> models) : IValidateOptions<ExperimentOptions>
{
    public ValidateOptionsResult Validate(string? name, ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var served = models.Value.Served.Where(m => m.Value.Enabled).Select(m => m.Key).ToArray();
        var servedList = string.Join(", ", served);
        var failures = new List<string>();
        const string root = ExperimentOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.DefaultModel) || !served.Contains(options.DefaultModel, StringComparer.Ordinal))
        {
            failures.Add($"{root}:DefaultModel '{options.DefaultModel}' is not an enabled model of {ModelRepositoryOptions.SectionName}:Served ({servedList}).");
        }

        if (!string.IsNullOrEmpty(options.Active) && !options.Experiments.ContainsKey(options.Active))
        {
            failures.Add($"{root}:Active '{options.Active}' names no experiment of {root}:Experiments ({string.Join(", ", options.Experiments.Keys)}).");
        }

        foreach (var (experimentName, experiment) in options.Experiments)
        {
            var key = $"{root}:Experiments:{experimentName}";
            if (experiment is null)
            {
                failures.Add($"{key} is empty.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(experiment.Salt))
            {
                failures.Add($"{key}:Salt is missing; set a fixed string (changing it later reshuffles every unit).");
            }

            if (!(experiment.Coverage is >= 0 and <= 100))
            {
                failures.Add($"{key}:Coverage {experiment.Coverage} must lie between 0 and 100 (percent of units enrolled).");
            }

            if (experiment.Arms.Count == 0)
            {
                failures.Add($"{key}:Arms is empty; an experiment needs a control arm and at least one treatment.");
            }

            // Configuration keys are case-insensitive, so "MMoE" and "mmoe" would collapse into one arm on reload.
            foreach (var clash in experiment.Arms.Keys.GroupBy(a => a, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                failures.Add($"{key}:Arms has arm names that differ only by case ({string.Join(", ", clash)}); arm names must be unique.");
            }

            foreach (var (armName, arm) in experiment.Arms)
            {
                var armKey = $"{key}:Arms:{armName}";
                if (arm is null)
                {
                    failures.Add($"{armKey} is empty.");
                    continue;
                }

                // Only the active experiment routes, so only its models must be loaded: a finished experiment may
                // stay defined (its data keeps its scorecard) after one of its models is retired.
                if (experimentName == options.Active && !served.Contains(arm.Model, StringComparer.Ordinal))
                {
                    failures.Add($"{armKey}:Model '{arm.Model}' is not an enabled model of {ModelRepositoryOptions.SectionName}:Served ({servedList}).");
                }

                if (arm.Weight is < 0 or > 100)
                {
                    failures.Add($"{armKey}:Weight {arm.Weight} must lie between 0 and 100.");
                }
            }

            var total = experiment.Arms.Values.Where(a => a is not null).Sum(a => (long)a.Weight);
            if (experiment.Mode == ExperimentMode.AB && experiment.Arms.Count > 0 && total != 100)
            {
                failures.Add($"{key}:Arms weights sum to {total}; they must sum to 100.");
            }

            if (experiment.Mode == ExperimentMode.Interleaving && experiment.Arms.Count != 2)
            {
                failures.Add($"{key}:Arms has {experiment.Arms.Count} arms; an interleaving experiment ({key}:Mode) interleaves exactly two, the control and one treatment.");
            }

            if (experiment.Mode == ExperimentMode.Interleaving && experiment.Arms.ContainsKey(InterleavedArms.ArmName))
            {
                failures.Add($"{key}:Arms:{InterleavedArms.ArmName} is reserved: an interleaving experiment reports its interleaved requests under that name.");
            }

            if (!Enum.IsDefined(experiment.Mode))
            {
                failures.Add($"{key}:Mode '{experiment.Mode}' is not AB or Interleaving.");
            }

            if (!experiment.Arms.ContainsKey(experiment.Control))
            {
                failures.Add($"{key}:Control '{experiment.Control}' names no arm of {key}:Arms ({string.Join(", ", experiment.Arms.Keys)}).");
            }

            if (experiment.Sequential is { } sequential)
            {
                if (sequential.TuningUnits < 1)
                {
                    failures.Add($"{key}:Sequential:TuningUnits {sequential.TuningUnits} must be a positive number of units (default {SequentialDefinition.DefaultTuningUnits}).");
                }

                if (sequential.PlannedUnits is < 2)
                {
                    failures.Add($"{key}:Sequential:PlannedUnits {sequential.PlannedUnits} must be at least 2 enrolled units, or left out when no horizon is planned.");
                }
            }

            foreach (var (unit, arm) in experiment.Overrides)
            {
                if (!experiment.Arms.ContainsKey(arm))
                {
                    failures.Add($"{key}:Overrides:{unit} '{arm}' names no arm of {key}:Arms ({string.Join(", ", experiment.Arms.Keys)}).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
