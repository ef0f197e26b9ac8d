using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Settings of the paper reproduction (section "Reproduction"): <c>reproduce synthetic</c> reads
/// <see cref="Synthetic"/>, <c>reproduce census</c> reads <see cref="Census"/>,
/// <c>reproduce synthetic-sweep</c> reads <see cref="Sweep"/>. The defaults are the
/// "default scale" that finishes in minutes on a 2-core machine; the paper's scale is a set of flags
/// (docs/results/README.md lists them). Lists are comma-separated strings because the configuration
/// binder appends to, rather than replaces, a default array.
/// </summary>
public sealed class ReproductionOptions
{
    public const string SectionName = "Reproduction";

    /// <summary>Base seed; every run derives its data and initialisation seeds from it, so a rerun repeats the numbers.</summary>
    public int Seed { get; set; } = 2018;

    /// <summary>Torch intra-op threads; 0 keeps libtorch's default (all cores).</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    public SyntheticStudyOptions Synthetic { get; set; } = new();

    public CensusStudyOptions Census { get; set; } = new();

    public SyntheticSweepOptions Sweep { get; set; } = new();

    /// <summary>Parses "0.5, 0.9,1" into doubles (invariant culture).</summary>
    /// <exception cref="FormatException">An entry is not a finite number.</exception>
    public static double[] ParseNumbers(string? value) => string.IsNullOrWhiteSpace(value)
        ? []
        : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(part =>
            double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number
                : throw new FormatException($"'{part}' is not a number.")).ToArray();
}
