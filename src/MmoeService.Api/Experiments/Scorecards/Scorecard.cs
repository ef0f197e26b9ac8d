namespace MmoeService.Api.Experiments.Scorecards;

/// <summary>
/// An experiment's scorecard: per-arm rates, predictions, latency and traffic; every treatment arm against
/// control; the sample-ratio test; and the gate report of gated arms. Intervals are 95%; see the README's
/// "Experiments and scorecard" section for every formula.
/// </summary>
public sealed record Scorecard(
    string Experiment,
    string Status,
    double Coverage,
    string ControlArm,
    DateTimeOffset GeneratedAt,
    double ConfidenceLevel,
    IReadOnlyList<ArmScorecard> Arms,
    IReadOnlyList<ArmComparison> Comparisons,
    SampleRatioMismatch SampleRatio,
    IReadOnlyList<ArmGates> Gates);
