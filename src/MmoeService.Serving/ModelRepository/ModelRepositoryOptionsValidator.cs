using Microsoft.Extensions.Options;

namespace MmoeService.Serving.ModelRepository;

/// <summary>Cross-field checks of <see cref="ModelRepositoryOptions"/>; reports every failure at once, naming the key to fix.</summary>
public sealed class ModelRepositoryOptionsValidator : IValidateOptions<ModelRepositoryOptions>
{
    /// <summary>Shorter keys are too easy to guess for an endpoint that swaps models.</summary>
    public const int MinimumAdminKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ModelRepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = ModelRepositoryOptions.SectionName;
        if (options.PollInterval < TimeSpan.Zero)
        {
            failures.Add($"{section}:PollInterval must be zero (off) or positive.");
        }

        if (!options.Served.Values.Any(m => m.Enabled))
        {
            failures.Add($"{section}:Served must name at least one enabled model, e.g. {section}:Served:mmoe:Version=latest.");
        }

        foreach (var (model, served) in options.Served)
        {
            if (string.IsNullOrWhiteSpace(model) || model.IndexOfAny(['/', '\\']) >= 0 || model is "." or "..")
            {
                failures.Add($"{section}:Served:{model} is not a valid model folder name.");
            }

            if (!string.Equals(served.Version, ServedModelOptions.Latest, StringComparison.OrdinalIgnoreCase)
                && served.PinnedVersion is not > 0)
            {
                failures.Add($"{section}:Served:{model}:Version '{served.Version}' must be 'latest' or a positive version number.");
            }
        }

        if (options.AdminEnabled == true && string.IsNullOrEmpty(options.AdminApiKey))
        {
            failures.Add($"{section}:AdminApiKey must be set (at least {MinimumAdminKeyLength} characters, e.g. from the environment as Models__AdminApiKey) because {section}:AdminEnabled is true; or set {section}:AdminEnabled to false.");
        }

        if (options.AdminApiKey is { Length: > 0 } key && key.Length < MinimumAdminKeyLength)
        {
            failures.Add($"{section}:AdminApiKey must be at least {MinimumAdminKeyLength} characters (or unset/empty to disable the admin endpoints).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
