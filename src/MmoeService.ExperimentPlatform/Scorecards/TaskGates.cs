namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One task's gate of one arm: mean weight per expert in serving and its drift from training.</summary>
/// <param name="Task">Task name.</param>
/// <param name="MeanWeights">Mean gate weight per expert over the arm's returned items.</param>
/// <param name="TrainingMeanWeights">The manifest's validation-split mean weight per expert; null without a baseline.</param>
/// <param name="Drift">Serving minus training, per expert; null without a baseline.</param>
/// <param name="TotalVariation">½ Σ |drift|: the share of gate mass that moved between experts (0 … 1).</param>
/// <param name="Drifted">TotalVariation above <see cref="GateDrift.DriftThreshold"/>.</param>
/// <param name="CollapsedExperts">Experts whose mean serving weight is below <see cref="GateDrift.CollapsedBelow"/>.</param>
/// <param name="DominantExpert">The expert whose mean serving weight exceeds <see cref="GateDrift.DominantAbove"/>, if any.</param>
/// <param name="ConcentratedShare">Share of the arm's scored candidates whose largest gate weight exceeds
/// <see cref="ArmGates.ConcentratedAbove"/> (weighted by candidates): a mean of 50/50 can hide half the candidates
/// each decided by one expert alone. Null when no stored exposure recorded it (stored before the store's schema version 2).</param>
/// <param name="TrainingEntropy">The manifest's mean per-row gate entropy in nats (0 is a one-hot gate, ln(experts) a uniform one); null without a baseline.</param>
/// <param name="TrainingEffectiveExperts">The manifest's utilisation, exp(entropy of the mean weights): how many experts the task draws on,
/// from 1 to the gate width; null without a baseline or when its manifest predates the figure.</param>
public sealed record TaskGates(
    string Task,
    IReadOnlyList<double> MeanWeights,
    IReadOnlyList<double>? TrainingMeanWeights,
    IReadOnlyList<double>? Drift,
    double? TotalVariation,
    bool Drifted,
    IReadOnlyList<int> CollapsedExperts,
    int? DominantExpert,
    double? ConcentratedShare,
    double? TrainingEntropy,
    double? TrainingEffectiveExperts);
