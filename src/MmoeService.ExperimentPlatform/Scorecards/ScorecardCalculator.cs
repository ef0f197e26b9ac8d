namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Turns an experiment's configuration and its per-arm observations into a <see cref="Scorecard"/>.</summary>
public static class ScorecardCalculator
{
    /// <param name="design">The experiment as configured now.</param>
    /// <param name="observations">What the store recorded per arm; a configured arm without data counts as empty.</param>
    /// <param name="baselines">Training gate statistics by model name (the served version's manifest).</param>
    /// <param name="generatedAt">When the scorecard is computed.</param>
    public static Scorecard Compute(
        ExperimentDesign design,
        IReadOnlyList<ArmObservations> observations,
        IReadOnlyDictionary<string, GateBaseline> baselines,
        DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(baselines);

        var byArm = observations.ToDictionary(o => o.Arm, StringComparer.Ordinal);
        var configured = design.Arms.Select(a => (Design: a, Data: byArm.GetValueOrDefault(a.Name) ?? Empty(a))).ToList();

        // Arms dropped from the configuration still show their data, outside the sample-ratio test.
        var arms = configured
            .Concat(observations.Where(o => design.Arms.All(a => a.Name != o.Arm)).Select(o => (Design: new ArmDesign(o.Arm, o.Model, 0), Data: o)))
            .ToList();

        var control = arms.FirstOrDefault(a => a.Design.Name == design.ControlArm).Data;
        var comparisons = control is null
            ? []
            : arms.Where(a => a.Design.Name != design.ControlArm)
                .Select(a => new ArmComparison(
                    a.Design.Name,
                    design.ControlArm,
                    DeltaMethod.Lift(DeltaMethod.Ratio(control.CtrByUnit), DeltaMethod.Ratio(a.Data.CtrByUnit)),
                    DeltaMethod.Lift(DeltaMethod.Ratio(control.SatisfactionByUnit), DeltaMethod.Ratio(a.Data.SatisfactionByUnit))))
                .ToArray();

        var gates = arms
            .Select(a => GateDrift.Compare(
                a.Data,
                baselines.GetValueOrDefault(a.Data.Model),
                $"No served version of model '{a.Data.Model}' has training gate statistics in its manifest."))
            .OfType<ArmGates>()
            .ToArray();

        return new Scorecard(
            design.Name,
            design.Status,
            design.Active,
            design.Coverage,
            design.ControlArm,
            generatedAt,
            0.95,
            arms.Select(a => Arm(a.Design, a.Data, a.Design.Name == design.ControlArm)).ToArray(),
            comparisons,
            SampleRatioMismatch.Test(configured.Select(a => (a.Design.Name, a.Design.Weight, a.Data.EnrolledUnits)).ToArray()),
            gates);
    }

    private static ArmScorecard Arm(ArmDesign design, ArmObservations data, bool isControl) => new(
        design.Name,
        data.Model,
        data.ModelVersions,
        design.Weight,
        isControl,
        data.EnrolledUnits,
        data.Requests,
        data.FailedRequests,
        data.Requests > 0 ? (double)data.FailedRequests / data.Requests : null,
        data.Impressions,
        data.Ctr.Positives,
        DeltaMethod.Rate(data.Ctr, data.CtrByUnit),
        DeltaMethod.Rate(data.Satisfaction, data.SatisfactionByUnit),
        Calibration(data.Ctr, data.CtrSample),
        Calibration(data.Satisfaction, data.SatisfactionSample),
        LatencySummary.From(data.LatencySampleMs),
        data.Traffic);

    private static TaskCalibration Calibration(TaskOutcomes outcomes, IReadOnlyList<LabeledPrediction> sample)
    {
        double? predicted = outcomes.PredictedCount > 0 ? outcomes.SumPredicted / outcomes.PredictedCount : null;
        double? observed = outcomes.Labeled > 0 ? (double)outcomes.Positives / outcomes.Labeled : null;
        return new TaskCalibration(predicted, observed, observed > 0 ? predicted / observed : null, RankAuc.Compute(sample), sample.Count);
    }

    private static ArmObservations Empty(ArmDesign arm)
    {
        var noOutcomes = new TaskOutcomes(0, 0, 0, 0);
        var noUnits = new UnitMoments(0, 0, 0, 0, 0, 0);
        return new ArmObservations(arm.Name, arm.Model, [], 0, 0, 0, 0, noOutcomes, noOutcomes, noUnits, noUnits, [], [], [], [], null, null);
    }
}
