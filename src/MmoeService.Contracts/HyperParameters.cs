namespace MmoeService.Contracts;

/// <summary>Network shape and optimisation settings a model was trained with.</summary>
/// <param name="Experts">Number of experts (MMoE/OMoE), of shared experts per level (CGC/PLE); 0 for Shared-Bottom.</param>
/// <param name="ExpertLayers">Hidden sizes of each expert, or of the shared bottom for Shared-Bottom.</param>
/// <param name="TowerLayers">Hidden sizes of each task tower before its one-unit head.</param>
/// <param name="Epochs">Maximum epochs.</param>
/// <param name="EpochsRun">Epochs actually run before early stopping.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="EarlyStoppingPatience">Epochs without improvement of the main task's validation metric before stopping.</param>
/// <param name="LossWeights">Per-task loss weights.</param>
/// <param name="SpecificExperts">Task-specific experts per task and level (CGC/PLE); 0 for the other architectures.</param>
/// <param name="Levels">Extraction levels (CGC 1, PLE 2 or more); 0 for the other architectures.</param>
/// <param name="GateDropout">Share of each row's gate weights zeroed (and the rest renormalised) during training; 0 is off.</param>
public sealed record HyperParameters(
    int Experts,
    IReadOnlyList<int> ExpertLayers,
    IReadOnlyList<int> TowerLayers,
    int Epochs,
    int EpochsRun,
    int BatchSize,
    double LearningRate,
    int EarlyStoppingPatience,
    IReadOnlyDictionary<string, double> LossWeights,
    int SpecificExperts = 0,
    int Levels = 0,
    double GateDropout = 0);
