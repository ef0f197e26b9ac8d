namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// One measured run of the sweep, with the weights of its best validation evaluation: training loss on the
/// whole training split, best validation loss, test loss on fresh rows (sum of both tasks' MSE), the step
/// of the best evaluation and the step early stopping ended it (-1: the budget ended it).
/// </summary>
public sealed record SweepRun(
    double P,
    string Model,
    int Run,
    int DataSeed,
    double LearningRate,
    long Parameters,
    double TrainLoss,
    double ValidationLoss,
    double TestLoss,
    double TestMseFirst,
    double TestMseSecond,
    int BestStep,
    int StoppedStep,
    double LabelCorrelation,
    double WeightCosine,
    double LabelStd);
