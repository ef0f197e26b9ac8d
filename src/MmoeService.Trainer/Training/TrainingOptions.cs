using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Training;

/// <summary>
/// Network shape and optimisation settings (section "Training"). Layer sizes are comma-separated strings
/// ("64,32") because the configuration binder appends to, rather than replaces, a default array.
/// </summary>
public sealed class TrainingOptions
{
    public const string SectionName = "Training";

    /// <summary>mmoe, omoe, shared-bottom, cgc or ple.</summary>
    [Required]
    public string Architecture { get; set; } = ModelArchitecture.Mmoe;

    /// <summary>Experts for MMoE/OMoE, shared experts per level for CGC/PLE; ignored by Shared-Bottom.</summary>
    [Range(1, 64)]
    public int Experts { get; set; } = 4;

    /// <summary>Task-specific experts per task and level (CGC/PLE only).</summary>
    [Range(1, 64)]
    public int SpecificExperts { get; set; } = 1;

    /// <summary>Extraction levels of PLE (CGC always has one).</summary>
    [Range(2, 8)]
    public int Levels { get; set; } = 2;

    /// <summary>
    /// Gate dropout during training (Zhao et al., RecSys 2019): the share of each row's gate weights set to 0 before
    /// renormalising; 0, the default, is off. The paper used 0.1.
    /// </summary>
    [Range(0.0, 0.9)]
    public double GateDropout { get; set; }

    /// <summary>Hidden sizes of each expert, or of the shared bottom for Shared-Bottom.</summary>
    [Required]
    public string ExpertLayers { get; set; } = "32";

    /// <summary>Hidden sizes of each task tower before its one-unit head; empty for none.</summary>
    public string TowerLayers { get; set; } = "16";

    [Range(1, 10_000)]
    public int Epochs { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 256;

    [Range(1e-7, 1.0)]
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Epochs without improvement of the main task's validation metric before stopping; 0 never stops early.</summary>
    [Range(0, 10_000)]
    public int Patience { get; set; } = 3;

    /// <summary>Task name to loss weight; tasks not listed weigh 1.</summary>
    public Dictionary<string, double> LossWeights { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Seeds initialisation (torch.manual_seed) and shuffling (new Random(seed)); written into the manifest.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Torch intra-op threads; 0 keeps libtorch's default. Pin it for bit-identical reruns across machines.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>Torch device; only "cpu" is supported by the bundled libtorch.</summary>
    [Required]
    public string Device { get; set; } = "cpu";

    /// <summary>Show the per-epoch progress bar on an interactive terminal.</summary>
    public bool Progress { get; set; } = true;

    public IReadOnlyList<int> ExpertLayerSizes() => ParseLayers(ExpertLayers);

    public IReadOnlyList<int> TowerLayerSizes() => ParseLayers(TowerLayers);

    public int ExpertsFor(string architecture) => ModelArchitecture.HasGates(architecture) ? Experts : 0;

    public int SpecificExpertsFor(string architecture) => ModelArchitecture.HasTaskExperts(architecture) ? SpecificExperts : 0;

    public int LevelsFor(string architecture) => architecture switch
    {
        ModelArchitecture.Cgc => 1,
        ModelArchitecture.Ple => Levels,
        _ => 0,
    };

    /// <summary>Width of each task's gate: experts for MMoE/OMoE, own plus shared experts for CGC/PLE, 0 for Shared-Bottom.</summary>
    public int GateWidthFor(string architecture) => ExpertsFor(architecture) + SpecificExpertsFor(architecture);

    public double LossWeight(string task) => LossWeights.TryGetValue(task, out var weight) ? weight : 1.0;

    /// <summary>These settings as the manifest records them, for a run of <paramref name="epochsRun"/> epochs over <paramref name="tasks"/>.</summary>
    public HyperParameters ToHyperParameters(int epochsRun, IEnumerable<string> tasks) => new(
        ExpertsFor(Architecture),
        ExpertLayerSizes(),
        TowerLayerSizes(),
        Epochs,
        epochsRun,
        BatchSize,
        LearningRate,
        Patience,
        tasks.ToDictionary(t => t, LossWeight, StringComparer.Ordinal),
        SpecificExpertsFor(Architecture),
        LevelsFor(Architecture),
        ModelArchitecture.HasGates(Architecture) ? GateDropout : 0);

    /// <summary>Parses "64, 32" into [64, 32]; an empty string is no layers.</summary>
    /// <exception cref="FormatException">An entry is not a positive integer.</exception>
    public static int[] ParseLayers(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        return value.Split(',', StringSplitOptions.TrimEntries).Select(part =>
            int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
                ? size
                : throw new FormatException($"'{part}' is not a positive layer size.")).ToArray();
    }

    /// <summary>A copy whose loss-weight dictionary is independent, for jobs that adjust one setting.</summary>
    public TrainingOptions Clone()
    {
        var copy = (TrainingOptions)MemberwiseClone();
        copy.LossWeights = new Dictionary<string, double>(LossWeights, StringComparer.Ordinal);
        return copy;
    }
}
