using MmoeService.Contracts;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// One model family of a study, as a row label and a network shape.
/// <see cref="HiddenLayers"/> are the expert layers for MMoE/OMoE, the bottom for Shared-Bottom and the
/// hidden layers of each per-task network for the single-task baseline.
/// </summary>
public sealed record StudyModel(string Key, string Label, string Architecture, int Experts, string HiddenLayers, string TowerLayers)
{
    /// <summary>Key of the single-task baseline (see <see cref="SingleTaskBaseline"/>); not a multi-task architecture.</summary>
    public const string SingleTaskKey = "single-task";

    public bool IsSingleTask => Key == SingleTaskKey;

    /// <summary>Paper §5.1: 8 experts of one 16-unit ReLU layer, towers of one 8-unit layer.</summary>
    public static StudyModel PaperMmoe { get; } = new(ModelArchitecture.Mmoe, "MMoE", ModelArchitecture.Mmoe, 8, "16", "8");

    /// <summary>Paper §5.1: OMoE is MMoE with one gate shared by both tasks.</summary>
    public static StudyModel PaperOmoe { get; } = new(ModelArchitecture.Omoe, "OMoE", ModelArchitecture.Omoe, 8, "16", "8");

    /// <summary>Paper §5.1: a 113-unit shared bottom "so that the number of parameters matches" (the report prints the real counts).</summary>
    public static StudyModel PaperSharedBottom { get; } = new(ModelArchitecture.SharedBottom, "Shared-Bottom", ModelArchitecture.SharedBottom, 0, "113", "8");

    /// <summary>The three models of the synthetic study, in chart order.</summary>
    public static IReadOnlyList<StudyModel> Synthetic { get; } = [PaperMmoe, PaperOmoe, PaperSharedBottom];
}
