namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// How a batched synthetic graph trains: at most <see cref="MaxSteps"/> mini-batch steps; every
/// <see cref="EvaluateEvery"/> steps each run's validation loss is measured, the best weights kept, and a
/// run that has not improved for <see cref="Patience"/> evaluations stops (its rate drops to 0). The loss
/// curve records the mean mini-batch training loss of every window of <see cref="CurveEvery"/> steps.
/// </summary>
public sealed record BatchedTraining(int MaxSteps, int BatchSize, int EvaluateEvery, int Patience, int CurveEvery, int Seed, int Threads);

/// <summary>One model of a batched graph after training: per-run figures with the best-validation weights restored.</summary>
public sealed record BatchedModelOutcome(
    string Model,
    long Parameters,
    IReadOnlyList<double> LearningRates,
    IReadOnlyList<double> ValidationLoss,
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> TestLoss,
    IReadOnlyList<double> TestMseFirst,
    IReadOnlyList<double> TestMseSecond,
    IReadOnlyList<int> BestStep,
    IReadOnlyList<int> StoppedStep,
    IReadOnlyList<double[]> Curve);

/// <summary>Everything one batched graph measured, with its cost: graph steps, rows through all models, seconds.</summary>
public sealed record BatchedOutcome(IReadOnlyList<BatchedModelOutcome> Models, int Steps, int CurveEvery, long RowSteps, double Seconds);
