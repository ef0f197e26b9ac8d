using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MmoeService.Trainer.Conflict;

/// <summary>
/// Settings of the <c>conflict-study</c> command (section "ConflictStudy"): which task correlations, seeds,
/// models and world size, and where the report goes. docs/training.md describes the study.
/// </summary>
public sealed class ConflictStudyOptions
{
    public const string SectionName = "ConflictStudy";

    /// <summary>Task-correlation values ρ of the conflicting world, comma-separated, each in [-1, 1].</summary>
    [Required]
    public string Correlations { get; set; } = "1,0.5,0";

    /// <summary>Runs per correlation; run i uses seed <see cref="FirstSeed"/> + i for the world, the data and the initialisation.</summary>
    [Range(2, 1000)]
    public int Seeds { get; set; } = 5;

    public int FirstSeed { get; set; } = 1;

    /// <summary>Models to train, comma-separated, from <see cref="ConflictRecipes.Names"/>.</summary>
    [Required]
    public string Models { get; set; } = "single-task,shared-bottom,mmoe,cgc,ple";

    /// <summary>Gate dropout rates every MoE model is trained with, comma-separated; "0" is the plain models.</summary>
    [Required]
    public string GateDropouts { get; set; } = "0";

    [Range(1000, 10_000_000)]
    public int Impressions { get; set; } = 100_000;

    [Range(10, 1_000_000)]
    public int Users { get; set; } = 10_000;

    [Range(20, 1_000_000)]
    public int Items { get; set; } = 2_000;

    /// <summary>Weight of the bait/depth term of the conflicting world.</summary>
    [Range(0.0, 10.0)]
    public double ConflictWeight { get; set; } = 1.0;

    /// <summary>Maximum epochs of every model (early stopping on the main task's validation AUC may end sooner).</summary>
    [Range(1, 1000)]
    public int Epochs { get; set; } = 12;

    /// <summary>Users in the oracle ranking evaluation of each world.</summary>
    [Range(1, 100_000)]
    public int OracleUsers { get; set; } = 1000;

    /// <summary>Candidates per oracle user, drawn uniformly without replacement from the items (as the simulator does).</summary>
    [Range(2, 10_000)]
    public int OracleCandidates { get; set; } = 100;

    /// <summary>Items shown per oracle user; the metric sums their true satisfied-click probabilities.</summary>
    [Range(1, 1000)]
    public int Top { get; set; } = 10;

    /// <summary>Report folder, relative to the working directory.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "docs/results/recommendation-conflict";

    /// <summary>File stem of the report: <c>&lt;name&gt;.md</c> and, for <c>results</c>, <c>summary.json</c>; otherwise <c>&lt;name&gt;.json</c>.</summary>
    [Required]
    public string OutputName { get; set; } = "results";

    public IReadOnlyList<double> CorrelationValues() => ParseList(Correlations);

    public IReadOnlyList<double> GateDropoutValues() => ParseList(GateDropouts);

    public IReadOnlyList<string> ModelNames() => [.. Models.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public static double[] ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                ? x
                : throw new FormatException($"'{v}' is not a number."))];
    }
}
