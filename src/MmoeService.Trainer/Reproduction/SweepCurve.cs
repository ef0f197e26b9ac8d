namespace MmoeService.Trainer.Reproduction;

/// <summary>Fig. 4: the mean over runs of the mini-batch training loss, one value per window of <see cref="Window"/> steps.</summary>
public sealed record SweepCurve(double P, string Model, int Window, IReadOnlyList<double> Mean);
