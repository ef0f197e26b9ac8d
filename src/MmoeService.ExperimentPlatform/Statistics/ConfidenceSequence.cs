namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// Asymptotic confidence sequence with the two-sided normal-mixture boundary (Howard, Ramdas, McAuliffe and Sekhon,
/// "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 2021, eq. 14; made asymptotic
/// for any finite-variance estimator by Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas, "Time-uniform central limit
/// theory and asymptotic confidence sequences", 2023, Thm 2.2). For an estimate with standard error SE after n
/// units, the interval estimate ± SE·w(n) holds at every n simultaneously with probability ≥ 1 - α, where
/// <code>
/// w(n)² = (1 + 1/(nρ²)) · (ln(1 + nρ²) - 2·ln α)
/// </code>
/// (the form GrowthBook's gbstats uses: σ̂·√(2(nρ²+1)/(n²ρ²)·ln(√(nρ²+1)/α)) with SE = σ̂/√n). ρ sets where the
/// boundary is tightest; ρ² = (-2 ln α + ln(1 - 2 ln α)) / N* puts that point at N* "tuning" units (Howard et al.
/// §3.5; GrowthBook's default N* is 5,000, Eppo's 10,000). The matching always-valid p-value is the reciprocal of
/// the normal-mixture martingale, p(n) = min(1, √(1 + nρ²)·exp(-z²·nρ² / (2(1 + nρ²)))) with z = estimate / SE:
/// p(n) ≤ α exactly when the interval at level α excludes 0. Rejecting the first time p(n) ≤ α keeps the
/// false-positive rate at most α however often one looks (asymptotically, as n grows).
/// </summary>
public static class ConfidenceSequence
{
    /// <summary>The mixture parameter ρ that makes the boundary tightest at <paramref name="tuningUnits"/> units.</summary>
    public static double Rho(double tuningUnits, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tuningUnits, 0);
        CheckAlpha(alpha);
        var twoLog = -2 * Math.Log(alpha);
        return Math.Sqrt((twoLog + Math.Log(twoLog + 1)) / tuningUnits);
    }

    /// <summary>w(n): the half-width in standard errors after <paramref name="units"/> units.</summary>
    public static double HalfWidthFactor(double units, double rho, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(units, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rho, 0);
        CheckAlpha(alpha);
        var v = units * rho * rho;
        return Math.Sqrt((1 + 1 / v) * (Math.Log(1 + v) - 2 * Math.Log(alpha)));
    }

    /// <summary>The interval at <paramref name="units"/> units, valid at every n simultaneously.</summary>
    public static Interval Interval(Estimate estimate, double units, double rho, double alpha)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var half = estimate.StandardError * HalfWidthFactor(units, rho, alpha);
        return new Interval(estimate.Value - half, estimate.Value + half);
    }

    /// <summary>The always-valid p-value of estimate = <paramref name="nullValue"/> at <paramref name="units"/> units.</summary>
    public static double PValue(Estimate estimate, double units, double rho, double nullValue = 0)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(units, 0);
        var difference = estimate.Value - nullValue;
        if (estimate.Variance <= 0)
        {
            return difference == 0 ? 1 : 0;
        }

        var v = units * rho * rho;
        var zSquared = difference * difference / estimate.Variance;
        var logP = 0.5 * Math.Log(1 + v) - zSquared * v / (2 * (1 + v));
        return Math.Min(1, Math.Exp(logP));
    }

    private static void CheckAlpha(double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(alpha, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(alpha, 1);
    }
}
