using System.Globalization;
using System.Text;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// RFC 4180 CSV with invariant numbers, so the committed results read the same in any locale and load
/// straight into pandas or a spreadsheet. Doubles keep round-trip precision; a value that could not be
/// computed (NaN, infinity) is an empty cell, which pandas reads as missing, never the text "NaN".
/// </summary>
public sealed class CsvTable(params string[] headers)
{
    private readonly StringBuilder text = new StringBuilder().AppendJoin(',', headers.Select(Escape)).Append('\n');

    public CsvTable Add(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"The CSV has {headers.Length} columns, the row {cells.Length}.", nameof(cells));
        }

        text.AppendJoin(',', cells.Select(Format)).Append('\n');
        return this;
    }

    public void Save(string path) => File.WriteAllText(path, text.ToString());

    public override string ToString() => text.ToString();

    private static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Escape(cell.ToString() ?? string.Empty),
    };

    private static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
