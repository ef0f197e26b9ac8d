namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Latency percentiles (milliseconds) of one arm; null when there is no request.</summary>
public sealed record LatencySummary(long Samples, double? P50, double? P95, double? P99)
{
    /// <summary>
    /// Percentiles from <see cref="LatencyBins"/>: the bin holding the ⌈p·n⌉-th request (nearest rank), reported at
    /// its geometric middle, so within ±2.5% of the exact figure.
    /// </summary>
    public static LatencySummary FromBins(IReadOnlyList<HistogramBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var sorted = bins.Where(b => b.Count > 0).OrderBy(b => b.Bin).ToArray();
        var total = sorted.Sum(b => b.Count);
        if (total == 0)
        {
            return new LatencySummary(0, null, null, null);
        }

        double At(double p)
        {
            var rank = Math.Max(1, (long)Math.Ceiling(p * total));
            var seen = 0L;
            foreach (var bin in sorted)
            {
                seen += bin.Count;
                if (seen >= rank)
                {
                    return LatencyBins.Middle(bin.Bin);
                }
            }

            return LatencyBins.Middle(sorted[^1].Bin);
        }

        return new LatencySummary(total, At(0.50), At(0.95), At(0.99));
    }

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
