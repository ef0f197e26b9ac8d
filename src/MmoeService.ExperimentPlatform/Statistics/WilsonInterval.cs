namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// Wilson's score interval for a binomial proportion k / n (Wilson, JASA 1927): the set of p whose score test
/// |k/n - p| ≤ z·√(p(1-p)/n) passes. Unlike the Wald interval it keeps close to nominal coverage at rates near 0,
/// such as a false-positive rate of 5% over a few hundred experiments.
/// </summary>
public static class WilsonInterval
{
    public static Interval Of(long successes, long trials, double alpha = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        var z = NormalQuantile.Of(1 - alpha / 2);
        var n = (double)trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At k = 0 (k = n) the bound is exactly 0 (1); computed, it can round to ±1e-17 of it.
        return new Interval(successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }
}
