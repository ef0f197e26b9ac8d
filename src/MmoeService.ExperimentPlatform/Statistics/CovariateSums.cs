namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// One arm's sums for a CUPED-adjusted ratio metric: the ratio sums of (y, n) per unit plus a pre-period covariate
/// x per unit and an indicator m = 1 for units without pre-period data (whose x is recorded as 0). Mergeable by
/// addition like <see cref="RatioSums"/>.
/// </summary>
public sealed record CovariateSums(
    RatioSums Metric,
    double SumX,
    double SumXX,
    double SumXY,
    double SumXN,
    double SumMissing,
    double SumMissingY,
    double SumMissingN)
{
    public static CovariateSums Empty { get; } = new(RatioSums.Empty, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Adds one unit: in-experiment totals (y, n) and its pre-period covariate, null when it has none.</summary>
    public CovariateSums Add(double y, double n, double? preperiod)
    {
        var x = preperiod ?? 0;
        var m = preperiod is null ? 1 : 0;
        return new(Metric.Add(y, n), SumX + x, SumXX + x * x, SumXY + x * y, SumXN + x * n, SumMissing + m, SumMissingY + m * y, SumMissingN + m * n);
    }

    public static CovariateSums operator +(CovariateSums left, CovariateSums right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(
            left.Metric + right.Metric,
            left.SumX + right.SumX,
            left.SumXX + right.SumXX,
            left.SumXY + right.SumXY,
            left.SumXN + right.SumXN,
            left.SumMissing + right.SumMissing,
            left.SumMissingY + right.SumMissingY,
            left.SumMissingN + right.SumMissingN);
    }
}
