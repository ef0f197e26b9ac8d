namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// An experiment's scorecard: per-arm rates, predictions, latency and traffic; every treatment arm against
/// control; the sample-ratio test; and the gate report of gated arms. Intervals are 95%; see the README's
/// "Experiments and scorecard" section for every formula.
/// </summary>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Status">"running" or "stopped" as configured.</param>
/// <param name="Active">True when the experiment routes <c>POST /score</c> now.</param>
/// <param name="Coverage">Percent of users enrolled.</param>
/// <param name="ControlArm">The arm the others are compared with.</param>
/// <param name="GeneratedAt">When the scorecard was computed (UTC).</param>
/// <param name="ConfidenceLevel">Level of every interval, fixed-horizon and always-valid (0.95).</param>
/// <param name="Arms">Per-arm numbers, control first.</param>
/// <param name="Comparisons">Every other arm against control.</param>
/// <param name="SampleRatio">The sample-ratio-mismatch test.</param>
/// <param name="Gates">Gate report of each gated arm.</param>
/// <param name="Sequential">How comparisons are read: α, power, tuning and planned units, and whether the planned units are reached.</param>
/// <param name="MultipleTesting">Whether Holm's correction across treatment arms × tasks is applied to the verdicts.</param>
/// <param name="Interleaving">An interleaving experiment's unit preference and cost; null for an A/B experiment.</param>
public sealed record Scorecard(
    string Experiment,
    string Status,
    bool Active,
    double Coverage,
    string ControlArm,
    DateTimeOffset GeneratedAt,
    double ConfidenceLevel,
    IReadOnlyList<ArmScorecard> Arms,
    IReadOnlyList<ArmComparison> Comparisons,
    SampleRatioMismatch SampleRatio,
    IReadOnlyList<ArmGates> Gates,
    SequentialSummary Sequential,
    MultipleTestingSummary MultipleTesting,
    Interleaving.InterleavingScorecard? Interleaving = null);
