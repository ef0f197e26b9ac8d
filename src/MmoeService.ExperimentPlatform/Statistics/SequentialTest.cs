namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>Reads an estimate both ways, fixed-horizon and always-valid, against a null value (0 for a lift).</summary>
public static class SequentialTest
{
    /// <param name="estimate">The comparison's estimate and variance.</param>
    /// <param name="units">Units behind the estimate (both arms of a two-arm comparison).</param>
    /// <param name="design">α, power and tuning units.</param>
    /// <param name="nullValue">The value of "no difference" on the estimate's scale.</param>
    public static SequentialReading Read(Estimate estimate, double units, SequentialDesign design, double nullValue = 0)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(design);
        var rho = design.Rho;
        return new SequentialReading(
            estimate.Value,
            estimate.StandardError,
            units,
            FixedHorizon.Interval(estimate, design.Alpha),
            FixedHorizon.PValue(estimate, nullValue),
            ConfidenceSequence.Interval(estimate, units, rho, design.Alpha),
            ConfidenceSequence.PValue(estimate, units, rho, nullValue),
            MinimumDetectableEffect.FixedHorizon(estimate.StandardError, design.Alpha, design.Power),
            MinimumDetectableEffect.AlwaysValid(estimate.StandardError, units, rho, design.Alpha, design.Power));
    }
}
