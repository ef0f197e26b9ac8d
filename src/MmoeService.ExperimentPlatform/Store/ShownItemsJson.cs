using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityToolkit.HighPerformance.Buffers;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// An exposure's shown items as one JSON text in <c>exposures.items</c> (schema version 6), by column:
/// <c>{"ids":[..],"ranks":"..","scores":"..","predictions":["..",".."],"teams":[..]}</c>. <c>ids</c> is a JSON array,
/// so SQL finds an item on both databases (SQLite <c>json_each</c>, PostgreSQL <c>json_array_elements_text</c>); the
/// numbers are base64 of little-endian arrays: <c>ranks</c> int32, <c>scores</c> float64, and per task of
/// <c>exposures.tasks</c> a float32 array in <c>predictions</c> (NaN where the task had none), exact and decoded by
/// the Parquet export. Base64 because printing them as decimals would be three quarters of the store write
/// (ExposureStoreBenchmarks at 1,000 items); one value per exposure because a row per item and task costs ten times more.
/// <c>teams</c> ("Control", "Treatment" or null per item) is there only in interleaving experiments. Of several
/// items with one id the first is kept, as feedback names an item by (request, item).
/// </summary>
public static partial class ShownItemsJson
{
    /// <summary>
    /// <paramref name="items"/> packed as UTF-8 JSON, predictions in the order of <paramref name="tasks"/>; null for none. The JSON is built in a
    /// pooled buffer and copied out at its exact size, UTF-8 rather than a string: a 1,000-item exposure is ~45 KB,
    /// under the large object heap's 85 KB, which a growing buffer or a UTF-16 string of it would reach, at the price
    /// of a gen 2 collection every few dozen exposures.
    /// </summary>
    public static byte[]? Write(IReadOnlyList<string> tasks, IReadOnlyList<ShownItem> items)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(items);
        var distinct = Distinct(items);
        if (distinct.Count == 0)
        {
            return null;
        }

        using var buffer = new ArrayPoolBufferWriter<byte>(distinct.Count * (24 + (8 * (tasks.Count + 2))));
        var column = ArrayPool<byte>.Shared.Rent(distinct.Count * sizeof(double));
        try
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                WriteColumns(json, tasks, distinct, column);
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(column);
        }
    }

    private static void WriteColumns(Utf8JsonWriter json, IReadOnlyList<string> tasks, List<ShownItem> items, byte[] column)
    {
        json.WriteStartObject();
        json.WriteStartArray("ids");
        foreach (var item in items)
        {
            json.WriteStringValue(item.ItemId);
        }

        json.WriteEndArray();
        for (var i = 0; i < items.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(column.AsSpan(i * sizeof(int)), items[i].Rank);
        }

        json.WriteBase64String("ranks", column.AsSpan(0, items.Count * sizeof(int)));
        for (var i = 0; i < items.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(column.AsSpan(i * sizeof(double)), items[i].Score);
        }

        json.WriteBase64String("scores", column.AsSpan(0, items.Count * sizeof(double)));
        json.WriteStartArray("predictions");
        for (var t = 0; t < tasks.Count; t++)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var predictions = items[i].Predictions;
                BinaryPrimitives.WriteSingleLittleEndian(column.AsSpan(i * sizeof(float)), t < predictions.Count ? predictions[t] : float.NaN);
            }

            json.WriteBase64StringValue(column.AsSpan(0, items.Count * sizeof(float)));
        }

        json.WriteEndArray();
        if (items.Exists(i => i.Team is not null))
        {
            json.WriteStartArray("teams");
            foreach (var item in items)
            {
                if (item.Team is { } team)
                {
                    json.WriteStringValue(team == Team.Control ? nameof(Team.Control) : nameof(Team.Treatment));
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The items <paramref name="json"/> holds (none for null), best first; a missing prediction is NaN.</summary>
    public static ShownItem[] Read(string? json, int tasks)
    {
        if (json is null)
        {
            return [];
        }

        var packed = JsonSerializer.Deserialize(json, PackedContext.Default.Packed)
            ?? throw new InvalidDataException("exposures.items is JSON null.");
        var count = packed.Ids.Length;
        if (packed.Ranks.Length != count * sizeof(int) || packed.Scores.Length != count * sizeof(double) ||
            packed.Predictions.Any(p => p.Length != count * sizeof(float)) || packed.Teams is { } t && t.Length != count)
        {
            throw new InvalidDataException("exposures.items has columns of different lengths.");
        }

        var items = new ShownItem[count];
        for (var i = 0; i < count; i++)
        {
            var predictions = new float[tasks];
            for (var task = 0; task < tasks; task++)
            {
                predictions[task] = task < packed.Predictions.Length
                    ? BinaryPrimitives.ReadSingleLittleEndian(packed.Predictions[task].AsSpan(i * sizeof(float)))
                    : float.NaN;
            }

            items[i] = new ShownItem(
                packed.Ids[i], BinaryPrimitives.ReadInt32LittleEndian(packed.Ranks.AsSpan(i * sizeof(int))), predictions,
                BinaryPrimitives.ReadDoubleLittleEndian(packed.Scores.AsSpan(i * sizeof(double))), packed.Teams?[i] switch
                {
                    null => null,
                    nameof(Team.Control) => Team.Control,
                    nameof(Team.Treatment) => Team.Treatment,
                    var other => throw new InvalidDataException($"Unknown team {other}."),
                });
        }

        return items;
    }

    private static List<ShownItem> Distinct(IReadOnlyList<ShownItem> items)
    {
        var seen = new HashSet<string>(items.Count, StringComparer.Ordinal);
        var distinct = new List<ShownItem>(items.Count);
        foreach (var item in items)
        {
            if (seen.Add(item.ItemId))
            {
                distinct.Add(item);
            }
        }

        return distinct;
    }

    internal sealed record Packed(
        [property: JsonPropertyName("ids")] string[] Ids,
        [property: JsonPropertyName("ranks")] byte[] Ranks,
        [property: JsonPropertyName("scores")] byte[] Scores,
        [property: JsonPropertyName("predictions")] byte[][] Predictions,
        [property: JsonPropertyName("teams")] string?[]? Teams = null);

    [JsonSerializable(typeof(Packed))]
    [JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true)]
    internal sealed partial class PackedContext : JsonSerializerContext;
}
