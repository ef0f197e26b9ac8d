using Microsoft.Extensions.Options;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>Rules of <c>Feedback:Fields</c>, every failure at once with the key to fix.</summary>
public sealed class OutcomeFieldOptionsValidator : IValidateOptions<OutcomeFieldOptions>
{
    public ValidateOptionsResult Validate(string? name, OutcomeFieldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (field, mapping) in options.Fields)
        {
            var key = $"{OutcomeFieldOptions.SectionName}:Fields:{field}";
            if (!FeedbackEventBody.FieldNames.Contains(field, StringComparer.Ordinal))
            {
                failures.Add($"{key}: feedback has no field '{field}'; the fields are {string.Join(", ", FeedbackEventBody.FieldNames)}.");
            }

            if (string.IsNullOrWhiteSpace(mapping.Task))
            {
                failures.Add($"{key}:Task must name the task the field reports.");
            }

            if (mapping.Requires is { } required && !options.Fields.ContainsKey(required))
            {
                failures.Add($"{key}:Requires names '{required}', which is not a mapped field.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
