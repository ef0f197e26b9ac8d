namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>A ratio metric Σy / Σn over randomisation units with its delta-method variance.</summary>
public sealed record RatioEstimate(double Ratio, double Variance, long Units)
{
    public double StandardError => Math.Sqrt(Variance);
}
