using System.Text.Json;
using System.Text.Json.Serialization;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Writes <see cref="ScoreResponse.Items"/>: a <see cref="RankedItems"/> straight from the model's arrays (no
/// object per candidate), any other list item by item through <see cref="ScoredItemJsonConverter"/>. Same JSON
/// either way.
/// </summary>
public sealed class ScoredItemsJsonConverter : JsonConverter<IReadOnlyList<ScoredItem>>
{
    private static readonly ScoredItemJsonConverter Item = new();

    public override IReadOnlyList<ScoredItem> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Scored items are an answer; they are never read.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ScoredItem> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is RankedItems ranked)
        {
            ranked.WriteTo(writer);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            Item.Write(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
