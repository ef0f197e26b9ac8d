namespace MmoeService.Trainer.Conflict;

/// <summary>
/// Mean, sample standard deviation and the two-sided 95% Student-t interval of the mean,
/// mean ± t(0.975, n-1)·s/√n (any statistics text, e.g. NIST/SEMATECH e-Handbook §7.2.2.1).
/// For paired differences the input is the per-seed difference, so the interval is the paired t interval.
/// </summary>
public sealed record Interval(int Count, double Mean, double Std, double Lower, double Upper)
{
    // t(0.975, df) for df = 1..30; beyond that the normal 1.96 is within 2%.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static Interval Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0)
        {
            return new Interval(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = values.Average();
        if (n == 1)
        {
            return new Interval(1, mean, 0, double.NaN, double.NaN);
        }

        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = TQuantile(n - 1) * std / Math.Sqrt(n);
        return new Interval(n, mean, std, mean - half, mean + half);
    }

    public static double TQuantile(int degreesOfFreedom) =>
        degreesOfFreedom <= T975.Length ? T975[Math.Max(1, degreesOfFreedom) - 1] : 1.96;
}
