namespace MmoeService.Trainer.Data;

/// <summary>A binary task whose split has too few positives for its AUC to mean much.</summary>
/// <param name="Split"><c>train</c>, <c>validation</c> or <c>test</c>.</param>
/// <param name="Task">Task name.</param>
/// <param name="Column">Label column or rule.</param>
/// <param name="File">File the split came from; null for generated data.</param>
/// <param name="Positives">Positive labels in the split.</param>
/// <param name="Rows">Rows in the split.</param>
public sealed record ScarceLabel(string Split, string Task, string Column, string? File, int Positives, int Rows);
