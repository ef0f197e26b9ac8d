namespace MmoeService.Trainer.Reproduction;

/// <summary>One tuning run of the learning-rate search: its best validation loss and the step it was reached.</summary>
public sealed record SweepTrial(double P, string Model, double LearningRate, int TuningRun, double ValidationLoss, int BestStep);
