namespace MmoeService.Trainer.Conflict;

/// <summary>One summary.json difference: the mean of A - B paired by seed at task correlation <c>P</c> (ρ), with its 95% interval.</summary>
public sealed record ConflictDifference(string A, string B, double P, string Metric, double Mean, double Lower, double Upper);
