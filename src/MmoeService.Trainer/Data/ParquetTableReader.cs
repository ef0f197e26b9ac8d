using System.Globalization;
using MmoeService.Contracts;
using Parquet;
using Parquet.Schema;

namespace MmoeService.Trainer.Data;

/// <summary>
/// Reads a flat Parquet file into a <see cref="SpecTable"/>: numbers and booleans become numbers, strings text,
/// nulls missing. Nested columns are rejected; other scalar types (dates, decimals as text) become text.
/// </summary>
public static class ParquetTableReader
{
    public static SpecTable Read(string path, string displayName)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DatasetException("The data file does not exist.", displayName);
        }

        // The trainer is a run-to-completion job without a synchronisation context; blocking here is safe.
        return ReadAsync(path, displayName).GetAwaiter().GetResult();
    }

    private static async Task<SpecTable> ReadAsync(string path, string displayName)
    {
        await using var stream = File.OpenRead(path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException)
        {
            throw new DatasetException($"Not a readable Parquet file ({e.Message}).", displayName, innerException: e);
        }

        await using (reader)
        {
            var fields = reader.Schema.GetDataFields();
            if (fields.Length == 0)
            {
                throw new DatasetException("The file is empty: it has no columns.", displayName);
            }

            if (fields.Length != reader.Schema.Fields.Count)
            {
                throw new DatasetException("Nested Parquet columns (structs, lists, maps) are not supported; flatten the table first.", displayName);
            }

            var rows = new List<FeatureValue[]>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var block = new FeatureValue[count][];
                for (var r = 0; r < count; r++)
                {
                    block[r] = new FeatureValue[fields.Length];
                }

                for (var f = 0; f < fields.Length; f++)
                {
                    var values = await ReadColumnAsync(group, fields[f], count, displayName);
                    for (var r = 0; r < count; r++)
                    {
                        block[r][f] = values[r];
                    }
                }

                rows.AddRange(block);
            }

            return new SpecTable(displayName, [.. fields.Select(f => f.Name)], rows);
        }
    }

    private static async Task<FeatureValue[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int count, string displayName)
    {
        var type = field.ClrType;
        if (type == typeof(double))
        {
            return Numbers(await Read<double>(group, field, count), v => v);
        }

        if (type == typeof(float))
        {
            return Numbers(await Read<float>(group, field, count), v => v);
        }

        if (type == typeof(long))
        {
            return Numbers(await Read<long>(group, field, count), v => v);
        }

        if (type == typeof(int))
        {
            return Numbers(await Read<int>(group, field, count), v => v);
        }

        if (type == typeof(short))
        {
            return Numbers(await Read<short>(group, field, count), v => v);
        }

        if (type == typeof(byte))
        {
            return Numbers(await Read<byte>(group, field, count), v => v);
        }

        if (type == typeof(bool))
        {
            return Numbers(await Read<bool>(group, field, count), v => v ? 1 : 0);
        }

        if (type == typeof(decimal))
        {
            return Numbers(await Read<decimal>(group, field, count), v => (double)v);
        }

        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[count];
            await group.ReadAsync(field, strings.AsMemory());
            return [.. strings.Select(s => s is null ? FeatureValue.Missing : FeatureValue.FromText(s))];
        }

        if (type == typeof(DateTime))
        {
            return Texts(await Read<DateTime>(group, field, count), v => v.ToString("O", CultureInfo.InvariantCulture));
        }

        throw new DatasetException($"Parquet type {type.Name} is not supported; use numbers, booleans or strings.", displayName, column: field.Name);
    }

    private static async Task<T?[]> Read<T>(ParquetRowGroupReader group, DataField field, int count)
        where T : struct
    {
        var values = new T?[count];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values;
    }

    private static FeatureValue[] Numbers<T>(T?[] values, Func<T, double> convert)
        where T : struct =>
        [.. values.Select(v => v is { } x ? FeatureValue.FromNumber(convert(x)) : FeatureValue.Missing)];

    private static FeatureValue[] Texts<T>(T?[] values, Func<T, string> convert)
        where T : struct =>
        [.. values.Select(v => v is { } x ? FeatureValue.FromText(convert(x)) : FeatureValue.Missing)];
}
