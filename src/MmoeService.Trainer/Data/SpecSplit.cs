namespace MmoeService.Trainer.Data;

/// <summary>Random split of a single table: train and validation shares, the rest is test.</summary>
public sealed class SpecSplit
{
    public double Train { get; set; } = 0.8;

    public double Validation { get; set; } = 0.1;

    /// <summary>Shuffle seed; <c>Data:Seed</c> when absent.</summary>
    public int? Seed { get; set; }
}
