namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One treatment arm against the control arm, task by task.</summary>
public sealed record ArmComparison(string Arm, string Control, IReadOnlyList<TaskLift> Tasks);

/// <summary>The lift of one task's rate, read fixed-horizon and always-valid, with the verdict the dashboard prints.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Lift">The fixed-horizon (Wald) reading: valid only once, at the planned units (<c>Sequential:PlannedUnits</c>); read repeatedly it calls too many false winners.</param>
/// <param name="AlwaysValid">The always-valid reading (confidence sequence on the same delta-method variance): valid at every look.</param>
/// <param name="MinimumDetectableEffect">The smallest true lift the current sample would detect at the scorecard's power, both ways.</param>
/// <param name="Verdict">"better", "worse", "no detectable difference yet", or "not enough data": from the always-valid reading, or from the fixed-horizon one once the planned units are reached (Holm-adjusted when the scorecard's multiple-testing correction is applied).</param>
/// <param name="VerdictBasis">"always-valid" or "fixed-horizon": which reading <paramref name="Verdict"/> comes from.</param>
/// <param name="Cuped">Raw and CUPED-adjusted lift side by side; null when no unit of the comparison has pre-period labels for this task.</param>
public sealed record TaskLift(
    string Task,
    LiftEstimate Lift,
    AlwaysValidLift AlwaysValid,
    DetectableEffect MinimumDetectableEffect,
    string Verdict,
    string VerdictBasis,
    CupedLift? Cuped);
