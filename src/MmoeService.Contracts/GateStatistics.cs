namespace MmoeService.Contracts;

/// <summary>
/// How a task's gate spreads weight over the experts on the validation split (the paper's Fig. 6 view).
/// A mean entropy near 0 with one dominant expert shows expert collapse; ln(experts) is a uniform gate.
/// </summary>
/// <param name="MeanWeights">Mean gate weight per expert.</param>
/// <param name="MeanEntropy">Mean entropy (nats) of the per-row gate distribution.</param>
public sealed record GateStatistics(IReadOnlyList<double> MeanWeights, double MeanEntropy);
