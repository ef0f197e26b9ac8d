namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One arm's rate with its 95% interval; Value is null before any labeled impression.</summary>
/// <param name="Positives">Impressions whose outcome for the task was 1.</param>
/// <param name="Labeled">Impressions with feedback: the denominator.</param>
/// <param name="Value">Positives / Labeled.</param>
/// <param name="StandardError">Delta-method standard error clustered by unit; null with fewer than 2 units.</param>
/// <param name="Lower">Value - 1.96·StandardError.</param>
/// <param name="Upper">Value + 1.96·StandardError.</param>
public sealed record RateEstimate(long Positives, long Labeled, double? Value, double? StandardError, double? Lower, double? Upper);
