using MmoeService.Contracts;

namespace MmoeService.Trainer.Training;

/// <summary>What <see cref="MultiTaskTrainer"/> returns; the network itself holds the best epoch's weights.</summary>
/// <param name="History">Every epoch run.</param>
/// <param name="BestEpoch">Epoch whose weights were restored (best main-task validation metric).</param>
/// <param name="Validation">Per-task validation metrics of the best epoch.</param>
/// <param name="RowsTrained">Rows pushed through forward and backward passes.</param>
/// <param name="TrainingTime">Time spent in training steps (validation excluded).</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochRecord> History,
    int BestEpoch,
    IReadOnlyList<TaskMetrics> Validation,
    long RowsTrained,
    TimeSpan TrainingTime)
{
    public int EpochsRun => History.Count;

    /// <summary>Every step loss of every epoch, in order (the x axis of a loss-versus-steps chart).</summary>
    public IEnumerable<double> StepLosses => History.SelectMany(e => e.StepLosses);

    public double RowsPerSecond => TrainingTime > TimeSpan.Zero ? RowsTrained / TrainingTime.TotalSeconds : 0;
}
