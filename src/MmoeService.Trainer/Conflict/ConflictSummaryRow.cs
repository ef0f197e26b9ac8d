namespace MmoeService.Trainer.Conflict;

/// <summary>One summary.json row: mean, std and 95% interval over seeds of a metric of a model at task correlation <c>P</c> (ρ), with its parameter count.</summary>
public sealed record ConflictSummaryRow(string Model, double P, string Metric, double Mean, double Std, double Lower, double Upper, long Params);
