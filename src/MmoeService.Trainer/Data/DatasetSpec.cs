namespace MmoeService.Trainer.Data;

/// <summary>
/// A JSON description of a user's CSV or Parquet table, so it can be trained on without code
/// (docs/data.md has the format and docs/examples/interactions.spec.json an example). Give either
/// <see cref="File"/> with <see cref="Split"/> ratios, or <see cref="Files"/> with ready-made splits.
/// Every column of the table must be a label, a feature or ignored, so a typo cannot silently drop a column.
/// </summary>
public sealed class DatasetSpec
{
    /// <summary>Data set name for the manifest; defaults to the spec's file name.</summary>
    public string? Name { get; set; }

    /// <summary>One table to split by <see cref="Split"/>; relative to the spec's folder.</summary>
    public string? File { get; set; }

    /// <summary>Ready-made train/validation/test tables instead of <see cref="File"/>.</summary>
    public SpecFiles? Files { get; set; }

    /// <summary><c>csv</c> or <c>parquet</c>; by default taken from the file extension.</summary>
    public string? Format { get; set; }

    /// <summary>CSV field separator; a comma by default.</summary>
    public string? Delimiter { get; set; }

    public SpecSplit? Split { get; set; }

    /// <summary>Task labels; the first is the main task.</summary>
    public List<SpecLabel> Labels { get; set; } = [];

    public List<SpecFeature> Features { get; set; } = [];

    /// <summary>Columns present in the table but not used.</summary>
    public List<string> Ignore { get; set; } = [];
}
