namespace MmoeService.Trainer.Reproduction;

/// <summary>One learning-rate candidate of the synthetic study on one tuning run: its lowest validation loss over the epochs.</summary>
public sealed record LearningRateTrial(double Correlation, string Model, double LearningRate, int TuningRun, double ValidationLoss);
