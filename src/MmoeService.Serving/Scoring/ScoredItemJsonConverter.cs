using System.Text.Json;
using System.Text.Json.Serialization;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Writes a <see cref="ScoredItem"/> with its task outputs flattened into the object, as the API contract shows.
/// Floats are written in their shortest round-trip form (0.0412, not 0.041200000792741776); a non-finite value,
/// which JSON cannot carry, becomes null.
/// </summary>
public sealed class ScoredItemJsonConverter : JsonConverter<ScoredItem>
{
    internal static readonly JsonEncodedText ItemIdName = JsonEncodedText.Encode("itemId");
    internal static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
    internal static readonly JsonEncodedText GatesName = JsonEncodedText.Encode("gates");

    public override ScoredItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ScoredItem is an answer type; it is never read.");

    public override void Write(Utf8JsonWriter writer, ScoredItem value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(ItemIdName, value.ItemId);
        foreach (var (task, output) in value.Tasks)
        {
            writer.WritePropertyName(task);
            WriteFinite(writer, output);
        }

        writer.WritePropertyName(ScoreName);
        WriteFinite(writer, value.Score);
        writer.WritePropertyName(GatesName);
        if (value.Gates is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartObject();
            foreach (var (task, weights) in value.Gates)
            {
                writer.WriteStartArray(task);
                foreach (var weight in weights)
                {
                    WriteFinite(writer, weight);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    internal static void WriteFinite(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static void WriteFinite(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
