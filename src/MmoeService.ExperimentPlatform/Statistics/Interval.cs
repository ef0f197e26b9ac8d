namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>A two-sided interval [Lower, Upper].</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    public bool Contains(double value) => Lower <= value && value <= Upper;

    public bool Excludes(double value) => !Contains(value);

    public double Width => Upper - Lower;
}
