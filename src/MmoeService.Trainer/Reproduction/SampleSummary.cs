namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Summary of one sample of per-run numbers (final losses, AUCs): the columns the paper's figures and
/// tables talk about. <see cref="Std"/> is the sample standard deviation (n - 1), 0 for a single run.
/// </summary>
public sealed record SampleSummary(int Count, double Mean, double Median, double Min, double Max, double Std)
{
    public static SampleSummary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = sorted.Average();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var std = sorted.Length > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1)) : 0;
        return new SampleSummary(sorted.Length, mean, median, sorted[0], sorted[^1], std);
    }

    /// <summary>Pearson's r of two equally long samples; NaN when either is constant.</summary>
    public static double Pearson(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length || x.Length < 2)
        {
            throw new ArgumentException($"Pearson's r needs two samples of equal length >= 2; got {x.Length} and {y.Length}.");
        }

        double mx = 0, my = 0;
        for (var i = 0; i < x.Length; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
