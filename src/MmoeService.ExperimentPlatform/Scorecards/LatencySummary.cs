namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Latency percentiles (milliseconds) of one arm's sample; null when the sample is empty.</summary>
public sealed record LatencySummary(int Samples, double? P50, double? P95, double? P99)
{
    /// <summary>
    /// Percentiles by linear interpolation between closest ranks (Hyndman and Fan type 7, the default of R, NumPy
    /// and Excel's PERCENTILE.INC): with the sorted sample x₀ … x_{n-1} and h = (n - 1)·p, the p-quantile is
    /// x_⌊h⌋ + (h - ⌊h⌋)·(x_⌊h⌋+1 - x_⌊h⌋).
    /// </summary>
    public static LatencySummary From(IReadOnlyList<double> sampleMs)
    {
        ArgumentNullException.ThrowIfNull(sampleMs);
        if (sampleMs.Count == 0)
        {
            return new LatencySummary(0, null, null, null);
        }

        var sorted = sampleMs.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Quantile(sorted, 0.50), Quantile(sorted, 0.95), Quantile(sorted, 0.99));
    }

    internal static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}
