namespace MmoeService.Trainer.Data;

/// <summary>A task label.</summary>
/// <param name="Task">Task name (becomes the ONNX output and the API field).</param>
/// <param name="Kind">A <see cref="MmoeService.Contracts.TaskKind"/> value.</param>
/// <param name="Source">Column or rule the label comes from, e.g. <c>income_50k == "50000+."</c>.</param>
public sealed record LabelColumn(string Task, string Kind, string Source);
