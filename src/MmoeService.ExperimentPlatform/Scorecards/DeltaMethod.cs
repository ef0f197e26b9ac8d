namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Ratio metrics clustered by randomisation unit. Impressions of one user are not independent, so a binomial
/// variance on impressions would understate the error; treating each unit's (y, n) = (positives, labeled
/// impressions) as one draw and linearising R = ȳ / n̄ gives (Deng, Lu and Litz, "Applying the Delta Method in
/// Metric Analytics", KDD 2018):
/// <code>
/// Var(R) ≈ (s²_y - 2R·s_yn + R²·s²_n) / (K·n̄²)
/// </code>
/// with K units and sample (K - 1) variances and covariance. The relative lift T/C - 1 uses the same
/// linearisation on the ratio of the two arms' ratios: Var(T/C) ≈ Var(T)/C² + T²·Var(C)/C⁴.
/// </summary>
public static class DeltaMethod
{
    /// <summary>The ratio Σy / Σn and its variance; null with fewer than 2 units or no labeled impression.</summary>
    public static RatioEstimate? Ratio(UnitMoments moments)
    {
        ArgumentNullException.ThrowIfNull(moments);
        var k = (double)moments.Units;
        if (moments.Units < 2 || moments.SumN <= 0)
        {
            return null;
        }

        var ratio = moments.SumY / moments.SumN;
        var meanN = moments.SumN / k;

        // Σ(v - v̄)(w - w̄) = Σvw - Σv·Σw / K, divided by K - 1.
        var varY = (moments.SumYY - moments.SumY * moments.SumY / k) / (k - 1);
        var varN = (moments.SumNN - moments.SumN * moments.SumN / k) / (k - 1);
        var covYN = (moments.SumYN - moments.SumY * moments.SumN / k) / (k - 1);
        var variance = (varY - 2 * ratio * covYN + ratio * ratio * varN) / (k * meanN * meanN);

        // Rounding in the sums can leave a tiny negative where the true value is 0 (every unit at the same rate).
        return new RatioEstimate(ratio, Math.Max(0, variance), moments.Units);
    }

    /// <summary>One arm's rate: the point estimate from the outcome totals, the interval from the unit moments.</summary>
    public static RateEstimate Rate(TaskOutcomes outcomes, UnitMoments moments)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        double? value = outcomes.Labeled > 0 ? (double)outcomes.Positives / outcomes.Labeled : null;
        var estimate = Ratio(moments);
        if (value is null || estimate is null)
        {
            return new RateEstimate(outcomes.Positives, outcomes.Labeled, value, null, null, null);
        }

        var halfWidth = NormalDistribution.Z975 * estimate.StandardError;
        return new RateEstimate(outcomes.Positives, outcomes.Labeled, value, estimate.StandardError, value - halfWidth, value + halfWidth);
    }

    /// <summary>Absolute and relative lift of treatment over control with 95% intervals and a two-sided p-value.</summary>
    public static LiftEstimate Lift(RatioEstimate? control, RatioEstimate? treatment)
    {
        if (control is null || treatment is null)
        {
            return new LiftEstimate(control?.Ratio, treatment?.Ratio, null, null, null, null, null, null, null, false);
        }

        var c = control.Ratio;
        var t = treatment.Ratio;
        var absolute = t - c;
        var absoluteError = Math.Sqrt(control.Variance + treatment.Variance);
        var pValue = absoluteError > 0 ? NormalDistribution.TwoSidedPValue(absolute / absoluteError) : absolute == 0 ? 1 : 0;

        double? relative = null, relativeLower = null, relativeUpper = null;
        if (c > 0)
        {
            relative = t / c - 1;
            var relativeError = Math.Sqrt(treatment.Variance / (c * c) + t * t * control.Variance / (c * c * c * c));
            relativeLower = relative - NormalDistribution.Z975 * relativeError;
            relativeUpper = relative + NormalDistribution.Z975 * relativeError;
        }

        return new LiftEstimate(
            c,
            t,
            absolute,
            absolute - NormalDistribution.Z975 * absoluteError,
            absolute + NormalDistribution.Z975 * absoluteError,
            relative,
            relativeLower,
            relativeUpper,
            pValue,
            pValue < 0.05);
    }
}
