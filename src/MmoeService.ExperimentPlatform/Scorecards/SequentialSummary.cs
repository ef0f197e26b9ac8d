namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>How the scorecard reads its comparisons (<c>Experiments:Experiments:&lt;name&gt;:Sequential</c>, <c>Scorecards:Power</c>).</summary>
/// <param name="Alpha">Level of every test (1 - the confidence level).</param>
/// <param name="Power">Power the minimum detectable effects are quoted at.</param>
/// <param name="TuningUnits">Units at which the confidence sequence is tightest (N* of Howard et al.).</param>
/// <param name="PlannedUnits">Pre-registered enrolled units at which the fixed-horizon reading becomes valid; null when none is planned.</param>
/// <param name="EnrolledUnits">Enrolled units so far, over the configured arms.</param>
/// <param name="PlannedReached">True once <paramref name="EnrolledUnits"/> reaches <paramref name="PlannedUnits"/>: verdicts then come from the fixed-horizon reading.</param>
public sealed record SequentialSummary(double Alpha, double Power, int TuningUnits, int? PlannedUnits, long EnrolledUnits, bool PlannedReached);

/// <summary>The multiple-testing correction across treatment arms × tasks.</summary>
/// <param name="Method">"holm" when applied, "none" otherwise.</param>
/// <param name="Applied">True when the experiment has more than one treatment arm: verdicts then use Holm-adjusted p-values.</param>
/// <param name="Tests">Comparisons in the family (treatment arms × tasks with a p-value).</param>
public sealed record MultipleTestingSummary(string Method, bool Applied, int Tests);
