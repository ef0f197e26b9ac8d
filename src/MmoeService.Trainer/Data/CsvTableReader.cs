using System.Text;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// RFC 4180 CSV reader: a header row, quoted fields with doubled quotes and embedded separators or line
/// breaks, CRLF or LF. Unquoted cells are trimmed; an empty cell is a missing value.
/// </summary>
public static class CsvTableReader
{
    public static SpecTable Read(string path, string displayName, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DatasetException("The data file does not exist.", displayName);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, displayName, delimiter);
    }

    public static SpecTable Read(TextReader reader, string displayName, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = ReadRecord(reader, delimiter, displayName, 0);
        if (header is null || header.All(c => c.Text.Length == 0))
        {
            throw new DatasetException("The file is empty: it has no header row.", displayName);
        }

        var columns = header.Select(c => c.Text).ToArray();
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DatasetException("The header names this column more than once.", displayName, column: duplicate.Key);
        }

        var rows = new List<FeatureValue[]>();
        while (ReadRecord(reader, delimiter, displayName, rows.Count + 1) is { } record)
        {
            if (record.Count == 1 && record[0].Text.Length == 0 && !record[0].Quoted)
            {
                continue;
            }

            if (record.Count != columns.Length)
            {
                throw new DatasetException($"Expected {columns.Length} fields (as in the header), found {record.Count}.", displayName, rows.Count + 1);
            }

            var row = new FeatureValue[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                row[c] = record[c].Text.Length == 0 ? FeatureValue.Missing : FeatureValue.FromText(record[c].Text);
            }

            rows.Add(row);
        }

        return new SpecTable(displayName, columns, rows);
    }

    /// <summary>One record, or null at end of input. Fields remember whether they were quoted.</summary>
    private static List<(string Text, bool Quoted)>? ReadRecord(TextReader reader, char delimiter, string displayName, long row)
    {
        var next = reader.Peek();
        if (next < 0)
        {
            return null;
        }

        var fields = new List<(string, bool)>();
        var field = new StringBuilder();
        var quoted = false;
        var inQuotes = false;
        while (true)
        {
            var ch = reader.Read();
            if (inQuotes)
            {
                if (ch < 0)
                {
                    throw new DatasetException("A quoted field is not closed before the end of the file.", displayName, row);
                }

                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append((char)ch);
                }

                continue;
            }

            if (ch == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                inQuotes = true;
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add((quoted ? field.ToString() : field.ToString().Trim(), quoted));
                field.Clear();
                quoted = false;
            }
            else if (ch is '\n' or '\r' or < 0)
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                fields.Add((quoted ? field.ToString() : field.ToString().Trim(), quoted));
                return fields;
            }
            else if (!quoted)
            {
                field.Append((char)ch);
            }
        }
    }
}
