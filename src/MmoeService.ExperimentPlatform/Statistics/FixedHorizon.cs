using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// The Wald interval estimate ± z(1-α/2)·SE and its two-sided p-value. Valid once, at a horizon fixed before the
/// experiment starts; read repeatedly as data arrive, its false-positive rate grows with the number of looks.
/// </summary>
public static class FixedHorizon
{
    public static Interval Interval(Estimate estimate, double alpha)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var half = NormalQuantile.Of(1 - alpha / 2) * estimate.StandardError;
        return new Interval(estimate.Value - half, estimate.Value + half);
    }

    public static double PValue(Estimate estimate, double nullValue = 0)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var difference = estimate.Value - nullValue;
        if (estimate.Variance <= 0)
        {
            return difference == 0 ? 1 : 0;
        }

        return NormalDistribution.TwoSidedPValue(difference / estimate.StandardError);
    }
}
