using Microsoft.Extensions.Options;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>Cross-field rules of <see cref="SpoolOptions"/>, every failure at once with the key to fix.</summary>
public sealed class SpoolOptionsValidator : IValidateOptions<SpoolOptions>
{
    public ValidateOptionsResult Validate(string? name, SpoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string root = SpoolOptions.SectionName;
        var failures = new List<string>();
        if (options.SegmentBytes > options.MaxBytes)
        {
            failures.Add($"{root}:SegmentBytes must be at most {root}:MaxBytes (got {options.SegmentBytes} > {options.MaxBytes}).");
        }

        if (!Enum.IsDefined(options.FsyncPolicy))
        {
            failures.Add($"{root}:FsyncPolicy must be Never, PerSegment or EveryBatch.");
        }

        if (options.StoreWriteTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{root}:StoreWriteTimeout must be positive (got {options.StoreWriteTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
