using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Statistics;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.ExperimentPlatform.Scorecards.Interleaving;

/// <summary>
/// Computes the <see cref="InterleavingScorecard"/> of an interleaving experiment from its interleaved arm's
/// rollups (<see cref="PreferenceObservations"/>) with <see cref="Preference"/>; null for an A/B experiment.
/// </summary>
public static class InterleavingScorecards
{
    /// <summary>
    /// The preference reading of an interleaving experiment, its always-valid intervals tightest at the experiment's
    /// <c>Sequential:TuningUnits</c> (as the A/B comparisons); null for an A/B experiment.
    /// </summary>
    public static InterleavingScorecard? Compute(ExperimentDefinition definition, IReadOnlyList<ArmObservations> observations)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(observations);
        if (definition.Mode != ExperimentMode.Interleaving)
        {
            return null;
        }

        var treatmentArm = definition.Arms.Keys.FirstOrDefault(a => a != definition.Control) ?? string.Empty;
        var arm = observations.FirstOrDefault(o => o.Arm == InterleavedArms.ArmName);
        var units = arm?.EnrolledUnits ?? 0;
        var tuningUnits = definition.Sequential?.TuningUnits ?? SequentialDefinition.DefaultTuningUnits;
        var design = new SequentialDesign(tuningUnits);
        var tasks = (arm?.Preferences ?? []).Select(p =>
        {
            var sums = new PreferenceSums(units, p.PreferTreatment, p.PreferControl, p.SumDifference, p.SumDifferenceSquares);
            var reading = Preference.Read(sums, design);
            return new TaskPreference(p.Task, p.PreferTreatment, p.PreferControl, units - p.PreferTreatment - p.PreferControl, Test(reading.Share), Test(reading.MeanDifference));
        }).ToArray();
        return new InterleavingScorecard(
            definition.Control,
            treatmentArm,
            units,
            arm?.Requests ?? 0,
            tuningUnits,
            tasks,
            LatencySummary.FromBins(arm?.Latency ?? []),
            InterleavedScoring.ModelRunsPerRequest);
    }

    private static PreferenceTest? Test(SequentialReading? reading) => reading is null
        ? null
        : new PreferenceTest(
            reading.Value, reading.StandardError, reading.FixedInterval.Lower, reading.FixedInterval.Upper, reading.FixedPValue,
            reading.AlwaysValidInterval.Lower, reading.AlwaysValidInterval.Upper, reading.AlwaysValidPValue);
}
