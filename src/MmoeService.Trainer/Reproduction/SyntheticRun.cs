namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// One training run of the synthetic study. Losses are the sum over the two regression tasks of the mean
/// squared error, the quantity the trainer minimises. <see cref="TestLoss"/> is measured on fresh test rows
/// with the weights the trainer kept (best validation epoch of the first task).
/// </summary>
public sealed record SyntheticRun(
    double Correlation,
    string Model,
    int Run,
    int DataSeed,
    int InitSeed,
    double LearningRate,
    long Parameters,
    IReadOnlyList<double> StepLosses,
    double FinalTrainLoss,
    double ValidationLoss,
    double TestLoss,
    double TestMseFirst,
    double TestMseSecond,
    int BestEpoch,
    double LabelCorrelation,
    double WeightCosine,
    double Seconds);
