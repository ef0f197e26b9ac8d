using MmoeService.Contracts;

namespace MmoeService.Trainer.Training;

/// <summary>History of one epoch; the step losses feed loss-versus-steps charts.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="StepLosses">Weighted training loss of every mini-batch, in order.</param>
/// <param name="TrainLoss">Mean of <paramref name="StepLosses"/>.</param>
/// <param name="ValidationLoss">Weighted validation loss (log-loss for binary tasks, MSE for regression).</param>
/// <param name="Validation">Per-task validation metrics.</param>
/// <param name="Elapsed">Wall time of the epoch including validation.</param>
public sealed record EpochRecord(
    int Epoch,
    IReadOnlyList<double> StepLosses,
    double TrainLoss,
    double ValidationLoss,
    IReadOnlyList<TaskMetrics> Validation,
    TimeSpan Elapsed);
