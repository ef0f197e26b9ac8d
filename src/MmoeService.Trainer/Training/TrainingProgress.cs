namespace MmoeService.Trainer.Training;

/// <summary>One step of training, reported synchronously to a progress display.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Maximum epochs.</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Steps">Steps per epoch.</param>
/// <param name="Loss">Mean weighted training loss of the epoch so far.</param>
/// <param name="Completed">Set once the epoch is done and validated.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, EpochRecord? Completed);
