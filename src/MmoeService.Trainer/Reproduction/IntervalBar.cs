namespace MmoeService.Trainer.Reproduction;

/// <summary>One bar of an <see cref="IntervalBarChart"/>: the mean over runs with ± one standard deviation,
/// the best run as a marker and, when the paper gives one, the paper's mean as a reference marker.</summary>
public sealed record IntervalBar(string Label, double Mean, double Std, double Best, double? Reference);
