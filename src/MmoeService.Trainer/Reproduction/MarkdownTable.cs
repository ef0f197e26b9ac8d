using System.Globalization;
using System.Text;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// A GitHub-flavoured markdown table built row by row; numbers are formatted by the caller so every table
/// states its own precision. Pipes inside cells are escaped so a label cannot break the layout.
/// </summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public int RowCount => rows.Count;

    public MarkdownTable Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"The table has {headers.Length} columns, the row {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    /// <summary>Fixed-point with <paramref name="digits"/> decimals, invariant culture; "n/a" for NaN.</summary>
    public static string Number(double value, int digits = 4) =>
        double.IsFinite(value) ? value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";

    public override string ToString()
    {
        var text = new StringBuilder();
        Line(text, headers);
        Line(text, headers.Select((_, i) => i == 0 ? "---" : "---:").ToArray());
        foreach (var row in rows)
        {
            Line(text, row);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells) =>
        text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
}
