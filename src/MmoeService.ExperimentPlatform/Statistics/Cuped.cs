namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// CUPED (Deng, Xu, Kohavi and Walker, "Improving the sensitivity of online controlled experiments by utilizing
/// pre-experiment data", WSDM 2013) for a ratio metric R = Σy / Σn clustered by unit, with the ratio linearised by
/// the delta method (ibid. §3.4): a unit's influence on its arm's R is u = (y - R·n) / n̄, so with covariates
/// c = (x, m) per unit (pre-period value, and 1 when the unit has no pre-period data, its x then 0)
/// <code>
/// Cov(R̂, c̄) ≈ Cov(u, c) / K = (Cov(y, c) - R·Cov(n, c)) / (n̄·K),   Var(c̄) = Cov(c, c) / K
/// Δ_cv = (R̂_T - R̂_C) - θᵀ(c̄_T - c̄_C),   θ = (Var(c̄_T) + Var(c̄_C))⁻¹ (Cov(R̂_T, c̄_T) + Cov(R̂_C, c̄_C))
/// Var(Δ_cv) = Σ_arms Var(R̂) - 2θᵀCov(R̂, c̄) + θᵀVar(c̄)θ
/// </code>
/// θ is pooled across arms and minimises Var(Δ_cv); with equal arms and n = 1 it is the common slope of the
/// regression y ~ 1 + treatment + x + m, and Δ_cv that regression's treatment coefficient. Randomisation makes
/// E[c̄_T - c̄_C] = 0, so the adjustment removes variance without bias, provided c is fixed before assignment.
/// Units without pre-period data stay in the analysis: the indicator gives them their own intercept, which is
/// GrowthBook's and Statsig's "covariate 0" treatment made explicit (with 0 alone, new users would drag θ).
/// The relative lift divides by control's unadjusted ratio: Δ_cv / R̂_C, linearised with
/// Cov(Δ_cv, R̂_C) = -Var(R̂_C) + θᵀCov(R̂_C, c̄_C).
/// </summary>
public static class Cuped
{
    /// <summary>Raw and adjusted lift; null when an arm has fewer than 2 units, no impression, or (relative) control is 0.</summary>
    public static CupedComparison? Compare(CovariateSums control, CovariateSums treatment, LiftScale scale)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        var c = ArmMoments.Of(control);
        var t = ArmMoments.Of(treatment);
        if (c is null || t is null || (scale == LiftScale.Relative && c.Ratio <= 0))
        {
            return null;
        }

        var (thetaX, thetaM) = Solve(
            c.VarX + t.VarX,
            c.CovXM + t.CovXM,
            c.VarM + t.VarM,
            c.CovRX + t.CovRX,
            c.CovRM + t.CovRM);

        var raw = Lift(c, t, 0, 0, scale);
        var adjusted = Lift(c, t, thetaX, thetaM, scale);
        double? reduction = raw.Variance > 0 ? 1 - adjusted.Variance / raw.Variance : null;
        return new CupedComparison(raw, adjusted, thetaX, thetaM, reduction);
    }

    private static Estimate Lift(ArmMoments c, ArmMoments t, double thetaX, double thetaM, LiftScale scale)
    {
        var difference = t.Ratio - c.Ratio - thetaX * (t.MeanX - c.MeanX) - thetaM * (t.MeanM - c.MeanM);
        var varianceC = c.AdjustedVariance(thetaX, thetaM);
        var varianceT = t.AdjustedVariance(thetaX, thetaM);
        var variance = Math.Max(0, varianceC + varianceT);
        if (scale == LiftScale.Absolute)
        {
            return new Estimate(difference, variance);
        }

        var r = c.Ratio;
        var covDifferenceControl = -c.VarR + thetaX * c.CovRX + thetaM * c.CovRM;
        var relativeVariance = variance / (r * r) - 2 * difference * covDifferenceControl / (r * r * r) + difference * difference * c.VarR / (r * r * r * r);
        return new Estimate(difference / r, Math.Max(0, relativeVariance));
    }

    // θ = A⁻¹b for the 2×2 covariance A of (x̄, m̄). A covariate without variance (every unit has pre-period data, or
    // none has) drops out instead of making A singular.
    private static (double X, double M) Solve(double axx, double axm, double amm, double bx, double bm)
    {
        var hasX = axx > 0;
        var hasM = amm > 0;
        if (hasX && hasM)
        {
            var determinant = axx * amm - axm * axm;
            if (determinant > 1e-12 * axx * amm)
            {
                return ((amm * bx - axm * bm) / determinant, (axx * bm - axm * bx) / determinant);
            }
        }

        if (hasX)
        {
            return (bx / axx, 0);
        }

        return hasM ? (0, bm / amm) : (0, 0);
    }

    // Estimator-level moments of one arm: Var(R̂), Var(c̄) and Cov(R̂, c̄), each the unit-level figure over K.
    private sealed record ArmMoments(double Ratio, double VarR, double MeanX, double MeanM, double VarX, double VarM, double CovXM, double CovRX, double CovRM)
    {
        public static ArmMoments? Of(CovariateSums sums)
        {
            var metric = sums.Metric;
            if (RatioLift.Ratio(metric) is not { } ratio)
            {
                return null;
            }

            var k = (double)metric.Units;
            var r = ratio.Value;
            var meanN = metric.SumN / k;

            // m is 0 or 1 and x is 0 wherever m is 1, so Σm² = Σm and Σxm = 0.
            var covUX = (Moments.Covariance(sums.SumXY, sums.SumX, metric.SumY, k) - r * Moments.Covariance(sums.SumXN, sums.SumX, metric.SumN, k)) / meanN;
            var covUM = (Moments.Covariance(sums.SumMissingY, sums.SumMissing, metric.SumY, k) - r * Moments.Covariance(sums.SumMissingN, sums.SumMissing, metric.SumN, k)) / meanN;
            return new ArmMoments(
                r,
                ratio.Variance,
                sums.SumX / k,
                sums.SumMissing / k,
                Math.Max(0, Moments.Covariance(sums.SumXX, sums.SumX, sums.SumX, k)) / k,
                Math.Max(0, Moments.Covariance(sums.SumMissing, sums.SumMissing, sums.SumMissing, k)) / k,
                Moments.Covariance(0, sums.SumX, sums.SumMissing, k) / k,
                covUX / k,
                covUM / k);
        }

        public double AdjustedVariance(double thetaX, double thetaM) =>
            VarR - 2 * (thetaX * CovRX + thetaM * CovRM) + thetaX * thetaX * VarX + 2 * thetaX * thetaM * CovXM + thetaM * thetaM * VarM;
    }
}
