namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// One arm's sufficient statistics for a ratio metric Σy / Σn over randomisation units: K units, and per unit
/// y (positives) and n (labeled impressions). Sums merge by addition, so partial rollups combine exactly.
/// </summary>
public sealed record RatioSums(long Units, double SumY, double SumN, double SumYY, double SumNN, double SumYN)
{
    public static RatioSums Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Adds one unit's totals.</summary>
    public RatioSums Add(double y, double n) => new(Units + 1, SumY + y, SumN + n, SumYY + y * y, SumNN + n * n, SumYN + y * n);

    public static RatioSums operator +(RatioSums left, RatioSums right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Units + right.Units, left.SumY + right.SumY, left.SumN + right.SumN, left.SumYY + right.SumYY, left.SumNN + right.SumNN, left.SumYN + right.SumYN);
    }
}
