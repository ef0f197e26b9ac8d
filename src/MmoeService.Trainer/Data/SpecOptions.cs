namespace MmoeService.Trainer.Data;

/// <summary>The dataset spec to load (section "Data:Spec"); see docs/data.md for its format.</summary>
public sealed class SpecOptions
{
    public const string SectionName = "Spec";

    /// <summary>Path of the JSON spec; data file paths inside it are relative to the spec's folder.</summary>
    public string? Path { get; set; }
}
