namespace MmoeService.Calibration;

/// <summary>The two outcomes of every simulated impression: a click, and a satisfied click.</summary>
public enum Metric
{
    Ctr,
    Satisfaction,
}
