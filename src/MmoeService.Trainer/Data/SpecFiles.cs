namespace MmoeService.Trainer.Data;

/// <summary>Ready-made splits of a <see cref="DatasetSpec"/>, relative to the spec's folder.</summary>
public sealed class SpecFiles
{
    public string? Train { get; set; }

    public string? Validation { get; set; }

    public string? Test { get; set; }
}
