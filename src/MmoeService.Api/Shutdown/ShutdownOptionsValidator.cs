using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Shutdown;

/// <summary>
/// Checks that the unready delay leaves time to drain, and that the exposure writer's store drain ends inside the
/// host's shutdown timeout, leaving time to spool what the store did not take; names the keys to fix.
/// </summary>
public sealed class ShutdownOptionsValidator(IOptions<StorageOptions>? storage = null) : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = ShutdownOptions.SectionName;
        var failures = new List<string>();
        if (options.DrainTimeout <= TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:DrainTimeout must be positive and at most 01:00:00 (got {options.DrainTimeout}).");
        }

        if (options.UnreadyDelay < TimeSpan.Zero || options.UnreadyDelay >= options.DrainTimeout)
        {
            failures.Add($"{section}:UnreadyDelay must be zero or positive and shorter than {section}:DrainTimeout (got {options.UnreadyDelay}).");
        }

        if (storage?.Value is { } store && store.DrainTimeout >= options.DrainTimeout)
        {
            failures.Add($"{StorageOptions.SectionName}:DrainTimeout must be shorter than {section}:DrainTimeout (got {store.DrainTimeout} >= {options.DrainTimeout}): what the store has not taken by then is spooled, inside the host's shutdown timeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
