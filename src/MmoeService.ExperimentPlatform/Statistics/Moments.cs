namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>Sample (K - 1) covariances from raw sums.</summary>
internal static class Moments
{
    /// <summary>Σ(v - v̄)(w - w̄) / (K - 1) = (Σvw - Σv·Σw / K) / (K - 1).</summary>
    public static double Covariance(double sumVW, double sumV, double sumW, double units) =>
        units < 2 ? 0 : (sumVW - sumV * sumW / units) / (units - 1);
}
