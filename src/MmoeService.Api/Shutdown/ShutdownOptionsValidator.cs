using Microsoft.Extensions.Options;

namespace MmoeService.Api.Shutdown;

/// <summary>Checks that the unready delay leaves time to drain; names the keys to fix.</summary>
public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
