using Microsoft.Extensions.Options;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>Cross-field rules of <see cref="StorageOptions"/>, every failure at once with the key to fix.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string root = StorageOptions.SectionName;
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{root}:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{root}:ConnectionString is required when {root}:Provider is Postgres (e.g. Host=db;Database=mmoe;Username=mmoe;Password=...).");
        }

        if (options.RetryInitialDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add($"{root}:RetryInitialDelay must be >= 0 and at most {root}:RetryMaxDelay.");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            failures.Add($"{root}:DrainTimeout must be >= 0.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
