namespace MmoeService.ExperimentPlatform.Scorecards.Interleaving;

/// <summary>
/// The interleaving section of a scorecard: per task, how many units preferred each arm's ranking (the team whose
/// items earned more of the unit's positives), and the mode's cost. Units are the independent draws; every
/// statistic is a mean over units. Intervals are 95%; the always-valid ones hold at every look.
/// </summary>
/// <param name="ControlArm">The control arm (team).</param>
/// <param name="TreatmentArm">The treatment arm (team).</param>
/// <param name="Units">Enrolled units served interleaved answers.</param>
/// <param name="Requests">Interleaved requests analysed.</param>
/// <param name="TuningUnits">Units at which the always-valid intervals are tightest (the confidence sequence's N*).</param>
/// <param name="Tasks">Per task with credited feedback (clicks, satisfied clicks), the unit preference.</param>
/// <param name="Latency">Score latency of the interleaved requests (both models run side by side), milliseconds.</param>
/// <param name="ModelRunsPerRequest">Inference runs per interleaved request (2: both arms' models score every candidate), against 1 for an A/B request.</param>
public sealed record InterleavingScorecard(
    string ControlArm,
    string TreatmentArm,
    long Units,
    long Requests,
    double TuningUnits,
    IReadOnlyList<TaskPreference> Tasks,
    LatencySummary Latency,
    int ModelRunsPerRequest);

/// <summary>One task's unit preference in an interleaving experiment.</summary>
/// <param name="Task">Task name whose positives are the credit (a click, a satisfied click).</param>
/// <param name="PreferTreatment">Units whose treatment-team items earned more positives than the control team's.</param>
/// <param name="PreferControl">Units whose control-team items earned more.</param>
/// <param name="Ties">Units with equal credit (most often none at all).</param>
/// <param name="Share">Share of units preferring treatment among units with a preference, tested against 0.5; null with fewer than 2 such units.</param>
/// <param name="MeanDifference">Mean over all units of treatment's minus control's credit, tested against 0; null with fewer than 2 units.</param>
public sealed record TaskPreference(string Task, long PreferTreatment, long PreferControl, long Ties, PreferenceTest? Share, PreferenceTest? MeanDifference);

/// <summary>One preference statistic read two ways.</summary>
/// <param name="Value">The estimate.</param>
/// <param name="StandardError">Its standard error over units.</param>
/// <param name="Lower">Fixed-horizon 95% interval, lower end: valid only when read once, at a horizon fixed in advance.</param>
/// <param name="Upper">Fixed-horizon 95% interval, upper end.</param>
/// <param name="PValue">Fixed-horizon two-sided p-value against no preference.</param>
/// <param name="AlwaysValidLower">Always-valid 95% interval (confidence sequence), lower end: valid however often the scorecard is read.</param>
/// <param name="AlwaysValidUpper">Always-valid 95% interval, upper end.</param>
/// <param name="AlwaysValidPValue">Always-valid p-value against no preference.</param>
public sealed record PreferenceTest(
    double Value, double StandardError, double Lower, double Upper, double PValue, double AlwaysValidLower, double AlwaysValidUpper, double AlwaysValidPValue);
