using MathNet.Numerics.Distributions;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// 95% confidence intervals of means from Student's t (MathNet's quantile): a sample mean ± t(0.975, n-1)·s/√n,
/// a paired difference as the same interval of the per-run differences (synthetic runs share their data),
/// and an unpaired difference with Welch's standard error and Welch–Satterthwaite degrees of freedom
/// (census runs of different models share nothing but the split).
/// </summary>
public sealed record ConfidenceInterval(int Count, double Mean, double Std, double Lower, double Upper)
{
    public const double Level = 0.95;

    public static ConfidenceInterval Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sample = values.Where(double.IsFinite).ToArray();
        var n = sample.Length;
        if (n == 0)
        {
            return new ConfidenceInterval(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = sample.Average();
        if (n == 1)
        {
            return new ConfidenceInterval(1, mean, 0, double.NaN, double.NaN);
        }

        var std = Math.Sqrt(sample.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = Quantile(n - 1) * std / Math.Sqrt(n);
        return new ConfidenceInterval(n, mean, std, mean - half, mean + half);
    }

    /// <summary>Mean of a[i] - b[i] over pairs where both are finite.</summary>
    public static ConfidenceInterval Paired(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired samples need equal lengths; got {a.Count} and {b.Count}.");
        }

        return Of(a.Select((v, i) => v - b[i]));
    }

    /// <summary>Welch's interval of mean(a) - mean(b) for independent samples.</summary>
    public static ConfidenceInterval Welch(IEnumerable<double> a, IEnumerable<double> b)
    {
        var x = Of(a);
        var y = Of(b);
        var mean = x.Mean - y.Mean;
        if (x.Count < 2 || y.Count < 2)
        {
            return new ConfidenceInterval(Math.Min(x.Count, y.Count), mean, double.NaN, double.NaN, double.NaN);
        }

        var vx = x.Std * x.Std / x.Count;
        var vy = y.Std * y.Std / y.Count;
        var se = Math.Sqrt(vx + vy);
        if (se == 0)
        {
            return new ConfidenceInterval(Math.Min(x.Count, y.Count), mean, 0, mean, mean);
        }

        var df = (vx + vy) * (vx + vy) / ((vx * vx / (x.Count - 1)) + (vy * vy / (y.Count - 1)));
        var half = Quantile(df) * se;
        return new ConfidenceInterval(Math.Min(x.Count, y.Count), mean, se, mean - half, mean + half);
    }

    private static double Quantile(double degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - ((1 - Level) / 2));
}
