namespace MmoeService.Contracts;

/// <summary>
/// How a task's gate spreads weight over the experts on the validation split (the paper's Fig. 6 view).
/// A mean entropy near 0 with one dominant expert shows expert collapse; ln(experts) is a uniform gate.
/// The optional figures are absent from manifests written before they were computed.
/// </summary>
/// <param name="MeanWeights">Mean gate weight per expert.</param>
/// <param name="MeanEntropy">Mean entropy (nats) of the per-row gate distribution.</param>
/// <param name="TopShares">Per expert, the share of rows on which it has the largest weight.</param>
/// <param name="Polarisation">Mean over rows of the largest gate weight: 1 is a one-hot (polarised) gate, 1/width a uniform one.</param>
/// <param name="EffectiveExperts">
/// Utilisation as exp(entropy of <paramref name="MeanWeights"/>): how many experts the task draws on across rows,
/// from 1 (always the same expert) to the gate width (all used equally).
/// </param>
public sealed record GateStatistics(
    IReadOnlyList<double> MeanWeights,
    double MeanEntropy,
    IReadOnlyList<double>? TopShares = null,
    double? Polarisation = null,
    double? EffectiveExperts = null);
