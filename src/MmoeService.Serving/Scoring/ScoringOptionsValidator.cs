using Microsoft.Extensions.Options;

namespace MmoeService.Serving.Scoring;

/// <summary>Checks the score exponents of <see cref="ScoringOptions"/>, naming each key to fix.</summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{ScoringOptions.SectionName}:RequestTimeout must be positive and at most 00:05:00 (got {options.RequestTimeout}).");
        }

        foreach (var (model, tasks) in options.ScoreExponents)
        {
            foreach (var (task, exponent) in tasks)
            {
                // Negative exponents would reward low probabilities; NaN would poison the sort.
                if (!double.IsFinite(exponent) || exponent < 0)
                {
                    failures.Add($"{ScoringOptions.SectionName}:ScoreExponents:{model}:{task} must be a finite number >= 0 (got {exponent}).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
