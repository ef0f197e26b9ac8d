namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// Treatment against control for a ratio metric clustered by unit. Each unit's (y, n) is one draw; linearising
/// R = ȳ / n̄ gives the unit's influence u = (y - R·n) / n̄ and Var(R) ≈ Var(u) / K (Deng, Lu and Litz, "Applying the
/// Delta Method in Metric Analytics", KDD 2018). The arms are independent, so Var(T - C) = Var(T) + Var(C), and the
/// relative lift linearises T/C - 1 as Var(T)/C² + T²·Var(C)/C⁴.
/// </summary>
public static class RatioLift
{
    /// <summary>The arm's ratio Σy / Σn and its variance; null with fewer than 2 units or no impression.</summary>
    public static Estimate? Ratio(RatioSums arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        if (arm.Units < 2 || arm.SumN <= 0)
        {
            return null;
        }

        var k = (double)arm.Units;
        var ratio = arm.SumY / arm.SumN;
        var meanN = arm.SumN / k;
        var varY = Moments.Covariance(arm.SumYY, arm.SumY, arm.SumY, k);
        var varN = Moments.Covariance(arm.SumNN, arm.SumN, arm.SumN, k);
        var covYN = Moments.Covariance(arm.SumYN, arm.SumY, arm.SumN, k);
        var variance = (varY - 2 * ratio * covYN + ratio * ratio * varN) / (k * meanN * meanN);

        // Rounding in the sums can leave a tiny negative where the true value is 0 (every unit at the same rate).
        return new Estimate(ratio, Math.Max(0, variance));
    }

    /// <summary>The lift of treatment over control on <paramref name="scale"/>; null when an arm has no estimate or, for relative, control is 0.</summary>
    public static Estimate? Of(RatioSums control, RatioSums treatment, LiftScale scale)
    {
        var c = Ratio(control);
        var t = Ratio(treatment);
        if (c is null || t is null)
        {
            return null;
        }

        return Combine(c.Value, c.Variance, t.Value, t.Variance, scale);
    }

    /// <summary>The lift from two independent arm estimates.</summary>
    public static Estimate? Combine(double control, double controlVariance, double treatment, double treatmentVariance, LiftScale scale)
    {
        if (scale == LiftScale.Absolute)
        {
            return new Estimate(treatment - control, controlVariance + treatmentVariance);
        }

        if (control <= 0)
        {
            return null;
        }

        var c2 = control * control;
        return new Estimate(treatment / control - 1, treatmentVariance / c2 + treatment * treatment * controlVariance / (c2 * c2));
    }
}
