using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>A table read from a CSV or Parquet file: header and cells, before the spec gives them meaning.</summary>
/// <param name="File">The path as the user wrote it, for error messages.</param>
/// <param name="Columns">Column names in file order.</param>
/// <param name="Rows">Cells; text for CSV, typed values for Parquet, missing for empty cells and nulls.</param>
public sealed record SpecTable(string File, IReadOnlyList<string> Columns, IReadOnlyList<FeatureValue[]> Rows);
