using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Conflict;

/// <summary>Cross-field rules of <see cref="ConflictStudyOptions"/>, all reported at once.</summary>
public sealed class ConflictStudyOptionsValidator : IValidateOptions<ConflictStudyOptions>
{
    public ValidateOptionsResult Validate(string? name, ConflictStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = ConflictStudyOptions.SectionName;
        Check(failures, $"{section}:Correlations", () => options.CorrelationValues(), v => v is >= -1 and <= 1, "in [-1, 1]");
        Check(failures, $"{section}:GateDropouts", () => options.GateDropoutValues(), v => v is >= 0 and < 0.9, "in [0, 0.9)");
        var unknown = options.ModelNames().Where(m => !ConflictRecipes.Names.Contains(m)).ToArray();
        if (options.ModelNames().Count == 0 || unknown.Length > 0)
        {
            failures.Add($"{section}:Models must list some of {string.Join(", ", ConflictRecipes.Names)}; unknown: {string.Join(", ", unknown)}.");
        }

        if (options.Top > options.OracleCandidates)
        {
            failures.Add($"{section}:Top ({options.Top}) cannot exceed {section}:OracleCandidates ({options.OracleCandidates}).");
        }

        if (options.OracleCandidates > options.Items)
        {
            failures.Add($"{section}:OracleCandidates ({options.OracleCandidates}) cannot exceed {section}:Items ({options.Items}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, Func<IReadOnlyList<double>> parse, Func<double, bool> valid, string range)
    {
        try
        {
            var values = parse();
            if (values.Count == 0 || !values.All(valid))
            {
                failures.Add($"{key} needs one or more comma-separated numbers {range}.");
            }
        }
        catch (FormatException e)
        {
            failures.Add($"{key}: {e.Message} Use comma-separated numbers {range}, e.g. \"1,0.5,0\".");
        }
    }
}
