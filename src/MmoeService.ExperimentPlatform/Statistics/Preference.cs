namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// The per-unit preference statistics of an interleaving experiment. Units, not requests, are the independent
/// draws (the requests of one user share that user), so both statistics are means over units: the share p̂ of
/// units with a preference that prefer treatment, with Var(p̂) = p̂(1 - p̂) / K_pref, and the mean credit difference
/// d̄ with Var(d̄) = s²_d / K. Both are read with <see cref="SequentialTest"/>, so each gets a fixed-horizon and an
/// always-valid interval.
/// </summary>
public static class Preference
{
    public static PreferenceReading Read(PreferenceSums sums, SequentialDesign design)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(design);
        var withPreference = sums.PreferTreatment + sums.PreferControl;

        SequentialReading? share = null;
        if (withPreference >= 2)
        {
            var p = (double)sums.PreferTreatment / withPreference;
            share = SequentialTest.Read(new Estimate(p, p * (1 - p) / withPreference), withPreference, design, 0.5);
        }

        SequentialReading? mean = null;
        if (sums.Units >= 2)
        {
            var k = (double)sums.Units;
            var variance = Math.Max(0, Moments.Covariance(sums.SumDifferenceSquares, sums.SumDifference, sums.SumDifference, k)) / k;
            mean = SequentialTest.Read(new Estimate(sums.SumDifference / k, variance), k, design);
        }

        return new PreferenceReading(withPreference, share, mean);
    }
}
