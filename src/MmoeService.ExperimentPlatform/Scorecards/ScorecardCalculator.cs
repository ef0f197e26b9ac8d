using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Turns an experiment's configuration and its per-arm observations into a <see cref="Scorecard"/>.</summary>
public static class ScorecardCalculator
{
    private static readonly TaskOutcomes NoOutcomes = new(0, 0, 0, 0);
    private static readonly UnitMoments NoUnits = new(0, 0, 0, 0, 0, 0);

    /// <summary>Level of every test; the scorecard's intervals are 1 - α.</summary>
    public const double Alpha = 0.05;

    /// <param name="design">The experiment as configured now.</param>
    /// <param name="observations">What the store recorded per arm; a configured arm without data counts as empty.</param>
    /// <param name="baselines">Training gate statistics by model name (the served version's manifest).</param>
    /// <param name="taskOrder">Task names of the arms' models in manifest order; tasks only feedback named follow by name.</param>
    /// <param name="generatedAt">When the scorecard is computed.</param>
    public static Scorecard Compute(
        ExperimentDesign design,
        IReadOnlyList<ArmObservations> observations,
        IReadOnlyDictionary<string, GateBaseline> baselines,
        IReadOnlyList<string> taskOrder,
        DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(taskOrder);

        var byArm = observations.ToDictionary(o => o.Arm, StringComparer.Ordinal);
        var configured = design.Arms.Select(a => (Design: a, Data: byArm.GetValueOrDefault(a.Name) ?? Empty(a))).ToList();

        // Arms dropped from the configuration still show their data, outside the sample-ratio test.
        var arms = configured
            .Concat(observations.Where(o => design.Arms.All(a => a.Name != o.Arm)).Select(o => (Design: new ArmDesign(o.Arm, o.Model, 0), Data: o)))
            .ToList();
        var tasks = taskOrder
            .Concat(observations.SelectMany(o => o.Tasks.Select(t => t.Task)).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        var control = arms.FirstOrDefault(a => a.Design.Name == design.ControlArm).Data;
        var treatments = control is null ? [] : arms.Where(a => a.Design.Name != design.ControlArm).ToArray();
        var enrolled = configured.Sum(a => a.Data.EnrolledUnits);
        var plannedReached = design.PlannedUnits is { } planned && enrolled >= planned;
        var sequential = new SequentialDesign(design.TuningUnits, Alpha, design.Power);
        var readings = treatments
            .Select(a => (a.Design.Name, Tasks: tasks.Select(task => ComparisonReading.Of(Task(control!, task), Task(a.Data, task), sequential, plannedReached)).ToArray()))
            .ToArray();

        // Holm across treatment arms × tasks once there is more than one treatment arm (one arm's tasks are
        // different questions; several arms are several tries at one question).
        var holm = treatments.Length > 1;
        var family = readings.SelectMany(r => r.Tasks).Where(t => t.AlwaysValid is not null).ToArray();
        if (holm)
        {
            var alwaysValid = Holm.Adjust(family.Select(t => t.AlwaysValid!.AlwaysValidPValue).ToArray());
            var fixedHorizon = Holm.Adjust(family.Select(t => t.AlwaysValid!.FixedPValue).ToArray());
            for (var i = 0; i < family.Length; i++)
            {
                (family[i].AdjustedAlwaysValidPValue, family[i].AdjustedFixedPValue) = (alwaysValid[i], fixedHorizon[i]);
            }
        }

        var comparisons = readings
            .Select(r => new ArmComparison(r.Name, design.ControlArm, r.Tasks.Select((t, i) => t.ToLift(tasks[i], plannedReached, holm)).ToArray()))
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
            1 - Alpha,
            arms.Select(a => Arm(a.Design, a.Data, a.Design.Name == design.ControlArm, tasks)).ToArray(),
            comparisons,
            SampleRatioMismatch.Test(configured.Select(a => (a.Design.Name, a.Design.Weight, a.Data.EnrolledUnits)).ToArray()),
            gates,
            new SequentialSummary(Alpha, design.Power, design.TuningUnits, design.PlannedUnits, enrolled, plannedReached),
            new MultipleTestingSummary(holm ? "holm" : "none", holm, holm ? family.Length : 0));
    }

    private static ArmScorecard Arm(ArmDesign design, ArmObservations data, bool isControl, IReadOnlyList<string> tasks) => new(
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
        tasks.Select(name =>
        {
            var task = Task(data, name);
            return new TaskScorecard(name, DeltaMethod.Rate(task.Outcomes, task.ByUnit), Calibration(task));
        }).ToArray(),
        LatencySummary.FromBins(data.Latency),
        data.Traffic,
        data.TrafficBucketSeconds);

    private static TaskObservations Task(ArmObservations arm, string task) =>
        arm.Tasks.FirstOrDefault(t => t.Task == task) ?? new TaskObservations(task, NoOutcomes, NoUnits, []);

    private static TaskCalibration Calibration(TaskObservations task)
    {
        var outcomes = task.Outcomes;
        double? predicted = outcomes.PredictedCount > 0 ? outcomes.SumPredicted / outcomes.PredictedCount : null;
        double? observed = outcomes.Labeled > 0 ? (double)outcomes.Positives / outcomes.Labeled : null;
        return new TaskCalibration(
            predicted, observed, observed > 0 ? predicted / observed : null, RankAuc.FromBins(task.Predictions),
            task.Predictions.Sum(b => b.Positives + b.Negatives));
    }

    private static ArmObservations Empty(ArmDesign arm) => new(arm.Name, arm.Model, [], 0, 0, 0, 0, [], [], [], []);
}
