namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// How an experiment's comparisons are read: α, the power the minimum detectable effect is quoted at, and the
/// tuning units N* where the confidence sequence is tightest (usually the planned units).
/// </summary>
public sealed record SequentialDesign(double TuningUnits, double Alpha = 0.05, double Power = 0.8)
{
    public double Rho => ConfidenceSequence.Rho(TuningUnits, Alpha);
}
