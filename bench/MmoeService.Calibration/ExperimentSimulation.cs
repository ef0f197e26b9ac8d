using MmoeService.ExperimentPlatform.Statistics;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Calibration;

/// <summary>
/// One simulated experiment: users arrive one by one, each is drawn from the <see cref="UnitModel"/>, assigned to
/// control or treatment by a fair coin for the A/B test, and separately served team-draft interleaved slates for
/// the interleaving test (the same users, fresh outcomes). At every look the platform's statistics read the sums
/// accumulated so far.
/// <para>
/// Interleaving credit comes from the same unit model: per request the control ranking is the slate's candidates
/// in one order and the treatment ranking a random permutation of them; <see cref="TeamDraft"/> interleaves the two
/// (coins from a per-request seed), and each shown item is clicked with the unit's p, times (1 + δ) when treatment
/// contributed it, so "treatment's items are (1 + δ) times as clickable", the A/B effect mapped onto a shared slate.
/// A click that is satisfied (probability s) credits the same team's satisfaction. The model has no position bias.
/// </para>
/// </summary>
public static class ExperimentSimulation
{
    public static IReadOnlyDictionary<Metric, MetricTrace> Run(CalibrationOptions options, double lift, int users, int lookEvery, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(seed);
        var model = options.Model;
        var design = new SequentialDesign(users, options.Alpha);
        var metrics = Enum.GetValues<Metric>();
        var traces = metrics.ToDictionary(m => m, _ => new MetricTrace());
        var arms = metrics.ToDictionary(m => m, _ => new[] { CovariateSums.Empty, CovariateSums.Empty });
        var preferences = metrics.ToDictionary(m => m, _ => PreferenceSums.Empty);
        var controlRanking = Enumerable.Range(0, model.SlateSize).ToArray();
        var treatmentRanking = new int[model.SlateSize];
        var look = 0;

        for (var u = 1; u <= users; u++)
        {
            var unit = model.Draw(random);

            var arm = random.Next(2);
            var impressions = UnitModel.Requests(random, unit.RequestRate) * model.SlateSize;
            var clicks = UnitModel.Binomial(random, impressions, Math.Min(1, unit.ClickProbability * (arm == 1 ? 1 + lift : 1)));
            var satisfied = UnitModel.Binomial(random, clicks, unit.SatisfactionProbability);
            arms[Metric.Ctr][arm] = arms[Metric.Ctr][arm].Add(clicks, impressions, unit.PrePeriodClicks);
            arms[Metric.Satisfaction][arm] = arms[Metric.Satisfaction][arm].Add(satisfied, impressions, unit.PrePeriodSatisfied);

            double treatmentClicks = 0, controlClicks = 0, treatmentSatisfied = 0, controlSatisfied = 0;
            var requests = UnitModel.Requests(random, unit.RequestRate);
            for (var r = 0; r < requests; r++)
            {
                controlRanking.CopyTo(treatmentRanking, 0);
                random.Shuffle(treatmentRanking);
                foreach (var pick in TeamDraft.Interleave(controlRanking, treatmentRanking, model.SlateSize, (ulong)random.NextInt64()))
                {
                    var isTreatment = pick.Team == Team.Treatment;
                    if (random.NextDouble() >= Math.Min(1, unit.ClickProbability * (isTreatment ? 1 + lift : 1)))
                    {
                        continue;
                    }

                    var isSatisfied = random.NextDouble() < unit.SatisfactionProbability;
                    if (isTreatment)
                    {
                        treatmentClicks++;
                        treatmentSatisfied += isSatisfied ? 1 : 0;
                    }
                    else
                    {
                        controlClicks++;
                        controlSatisfied += isSatisfied ? 1 : 0;
                    }
                }
            }

            preferences[Metric.Ctr] = preferences[Metric.Ctr].Add(treatmentClicks, controlClicks);
            preferences[Metric.Satisfaction] = preferences[Metric.Satisfaction].Add(treatmentSatisfied, controlSatisfied);

            var isHorizon = u == users;
            if (u % lookEvery == 0 || isHorizon)
            {
                foreach (var metric in metrics)
                {
                    Read(traces[metric], arms[metric], preferences[metric], design, lift, look, isHorizon);
                }

                look++;
            }
        }

        return traces;
    }

    /// <summary>The number of looks an experiment of <paramref name="users"/> users gets.</summary>
    public static int Looks(int users, int lookEvery) => users / lookEvery + (users % lookEvery == 0 ? 0 : 1);

    private static void Read(MetricTrace trace, CovariateSums[] arms, PreferenceSums preference, SequentialDesign design, double lift, int look, bool isHorizon)
    {
        var units = arms[0].Metric.Units + arms[1].Metric.Units;
        var comparison = Cuped.Compare(arms[0], arms[1], LiftScale.Relative);
        if (comparison is not null)
        {
            var raw = SequentialTest.Read(comparison.Raw, units, design);
            var adjusted = SequentialTest.Read(comparison.Adjusted, units, design);
            if (raw.FixedPValue < design.Alpha)
            {
                trace.FirstFixedRejection ??= look;
            }

            if (raw.AlwaysValidPValue < design.Alpha)
            {
                trace.FirstAlwaysValidRejection ??= look;
            }

            if (adjusted.AlwaysValidPValue < design.Alpha)
            {
                trace.FirstCupedRejection ??= look;
            }

            trace.AlwaysValidCoversEveryLook &= raw.AlwaysValidInterval.Contains(lift);
            trace.CupedCoversEveryLook &= adjusted.AlwaysValidInterval.Contains(lift);
            if (isHorizon)
            {
                trace.FixedRejectsAtHorizon = raw.FixedPValue < design.Alpha;
                trace.FixedCoversAtHorizon = raw.FixedInterval.Contains(lift);
                trace.CupedFixedRejectsAtHorizon = adjusted.FixedPValue < design.Alpha;
                trace.CupedVarianceReduction = comparison.VarianceReduction;
            }
        }

        var reading = Preference.Read(preference, design);
        if (reading.Share is { } share)
        {
            if (share.AlwaysValidPValue < design.Alpha)
            {
                trace.FirstInterleavingRejection ??= look;
            }

            if (isHorizon)
            {
                trace.InterleavingFixedRejectsAtHorizon = share.FixedPValue < design.Alpha;
            }
        }

        if (isHorizon && reading.MeanDifference is { } mean)
        {
            trace.InterleavingMeanFixedRejectsAtHorizon = mean.FixedPValue < design.Alpha;
        }
    }
}
