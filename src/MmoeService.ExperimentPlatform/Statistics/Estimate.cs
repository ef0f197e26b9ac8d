namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>A point estimate with its (delta-method) variance.</summary>
public sealed record Estimate(double Value, double Variance)
{
    public double StandardError => Math.Sqrt(Variance);
}
