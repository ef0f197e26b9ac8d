namespace MmoeService.Trainer.Data;

/// <summary>A label column of a <see cref="DatasetSpec"/>.</summary>
public sealed class SpecLabel
{
    public string Column { get; set; } = string.Empty;

    /// <summary>Task name (ONNX output, API field); the column name when absent.</summary>
    public string? Task { get; set; }

    /// <summary><c>binary</c> (0/1, true/false) or <c>regression</c> (any finite number).</summary>
    public string Type { get; set; } = Contracts.TaskKind.Binary;
}
