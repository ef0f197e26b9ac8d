namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Pearson chi-square goodness of fit of enrolled units per arm against the configured weights,
/// χ² = Σ (observed - expected)² / expected with k - 1 degrees of freedom. A mismatch (p below
/// <see cref="Threshold"/>) means assignment or logging is broken and every other number on the scorecard is suspect.
/// </summary>
/// <param name="ChiSquare">The statistic; null with no enrolled unit, or when an arm of weight 0 enrolled units (p = 0).</param>
/// <param name="DegreesOfFreedom">Arms with a positive weight, minus one.</param>
/// <param name="PValue">Chi-square survival function at the statistic; null with no enrolled unit.</param>
/// <param name="Mismatch">PValue below <see cref="Threshold"/>.</param>
/// <param name="Arms">Expected and observed units per configured arm.</param>
public sealed record SampleRatioMismatch(
    double? ChiSquare, int DegreesOfFreedom, double? PValue, bool Mismatch, IReadOnlyList<SampleRatioArm> Arms)
{
    /// <summary>The conventional SRM alarm level: strict, because the test runs on every refresh.</summary>
    public const double Threshold = 0.001;

    /// <summary>Tests the units each arm enrolled against its weight (weights need not sum to 100).</summary>
    public static SampleRatioMismatch Test(IReadOnlyList<(string Arm, double Weight, long Units)> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var totalWeight = arms.Sum(a => a.Weight);
        var totalUnits = arms.Sum(a => a.Units);
        var rows = arms.Select(a =>
        {
            var share = totalWeight > 0 ? a.Weight / totalWeight : 0;
            return new SampleRatioArm(a.Arm, a.Weight, a.Units, share, totalUnits > 0 ? (double)a.Units / totalUnits : null, share * totalUnits);
        }).ToArray();

        // Arms of weight 0 expect no unit and add no degree of freedom; one that enrolled anyone is a mismatch outright.
        var tested = rows.Where(r => r.ExpectedShare > 0).ToArray();
        var degrees = Math.Max(0, tested.Length - 1);
        if (totalUnits == 0)
        {
            return new SampleRatioMismatch(null, degrees, null, false, rows);
        }

        if (rows.Any(r => r.ExpectedShare == 0 && r.Units > 0))
        {
            return new SampleRatioMismatch(null, degrees, 0, true, rows);
        }

        if (degrees == 0)
        {
            return new SampleRatioMismatch(0, 0, 1, false, rows);
        }

        var chiSquare = tested.Sum(r => (r.Units - r.ExpectedUnits) * (r.Units - r.ExpectedUnits) / r.ExpectedUnits);
        var pValue = ChiSquareDistribution.Survival(chiSquare, degrees);
        return new SampleRatioMismatch(chiSquare, degrees, pValue, pValue < Threshold, rows);
    }
}
