using MmoeService.Contracts;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Training;

/// <summary>Cross-field rules of <see cref="TrainingOptions"/>; reports every failure at once, naming the key.</summary>
public sealed class TrainingOptionsValidator : IValidateOptions<TrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = TrainingOptions.SectionName;
        if (!ModelArchitecture.All.Contains(options.Architecture))
        {
            failures.Add($"{section}:Architecture '{options.Architecture}' is unknown; use one of {string.Join(", ", ModelArchitecture.All)}.");
        }

        CheckLayers(failures, $"{section}:ExpertLayers", options.ExpertLayers, required: true);
        CheckLayers(failures, $"{section}:TowerLayers", options.TowerLayers, required: false);
        foreach (var (task, weight) in options.LossWeights)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                failures.Add($"{section}:LossWeights:{task} must be a finite number >= 0, got {weight}.");
            }
        }

        if (!string.Equals(options.Device, "cpu", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:Device '{options.Device}' is not available; the trainer bundles the CPU build of libtorch.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLayers(List<string> failures, string key, string value, bool required)
    {
        try
        {
            var sizes = TrainingOptions.ParseLayers(value);
            if (required && sizes.Length == 0)
            {
                failures.Add($"{key} needs at least one layer size, e.g. \"32\" or \"64,32\".");
            }
        }
        catch (FormatException e)
        {
            failures.Add($"{key}: {e.Message} Use comma-separated positive integers, e.g. \"64,32\".");
        }
    }
}
