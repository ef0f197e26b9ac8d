using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Reproduction;

/// <summary>Rules of <see cref="ReproductionOptions"/> the attributes cannot say: every list parses and holds sensible values. Reports all failures at once.</summary>
public sealed class ReproductionOptionsValidator : IValidateOptions<ReproductionOptions>
{
    public ValidateOptionsResult Validate(string? name, ReproductionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var synthetic = $"{ReproductionOptions.SectionName}:{SyntheticStudyOptions.SectionName}";
        var census = $"{ReproductionOptions.SectionName}:{CensusStudyOptions.SectionName}";
        // ValidateDataAnnotations stops at the top object; the nested sections carry their own [Range]s.
        Attributes(failures, synthetic, options.Synthetic);
        Attributes(failures, census, options.Census);
        var sweep = $"{ReproductionOptions.SectionName}:{SyntheticSweepOptions.SectionName}";
        Attributes(failures, sweep, options.Sweep);
        Check(failures, $"{sweep}:Correlations", options.Sweep.Correlations, v => v is >= 0 and <= 1, "between 0 and 1");
        Check(failures, $"{sweep}:LearningRates", options.Sweep.LearningRates, v => v is > 0 and <= 1, "in (0, 1]");
        if (SyntheticPreset.Find(options.Sweep.Preset) is null)
        {
            failures.Add($"{sweep}:Preset '{options.Sweep.Preset}' is not one of {string.Join(", ", SyntheticPreset.All.Select(p => p.Name))}.");
        }
        Check(failures, $"{synthetic}:Correlations", options.Synthetic.Correlations, v => v is >= 0 and <= 1, "between 0 and 1");
        Check(failures, $"{synthetic}:LearningRates", options.Synthetic.LearningRates, v => v is > 0 and <= 1, "in (0, 1]");
        Check(failures, $"{census}:Groups", options.Census.Groups, v => v is 1 or 2, "1 or 2");
        Check(failures, $"{census}:ExpertUnits", options.Census.ExpertUnits, IsUnits, "whole numbers from 1 to 4096");
        Check(failures, $"{census}:Experts", options.Census.Experts, v => v is >= 1 and <= 64 && v == Math.Floor(v), "whole numbers from 1 to 64");
        Check(failures, $"{census}:BottomUnits", options.Census.BottomUnits, IsUnits, "whole numbers from 1 to 4096");
        Check(failures, $"{census}:TowerUnits", options.Census.TowerUnits, IsUnits, "whole numbers from 1 to 4096");
        Check(failures, $"{census}:LearningRates", options.Census.LearningRates, v => v is > 0 and <= 1, "in (0, 1]");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Attributes(List<string> failures, string section, object value)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }

    private static bool IsUnits(double v) => v is >= 1 and <= 4096 && v == Math.Floor(v);

    private static void Check(List<string> failures, string key, string value, Func<double, bool> valid, string expectation)
    {
        try
        {
            var numbers = ReproductionOptions.ParseNumbers(value);
            if (numbers.Length == 0)
            {
                failures.Add($"{key} needs at least one value ({expectation}), e.g. a comma-separated list.");
            }
            else if (numbers.Any(v => !valid(v)))
            {
                failures.Add($"{key} '{value}' must hold values {expectation}.");
            }
        }
        catch (FormatException e)
        {
            failures.Add($"{key}: {e.Message} Use a comma-separated list of numbers.");
        }
    }
}
