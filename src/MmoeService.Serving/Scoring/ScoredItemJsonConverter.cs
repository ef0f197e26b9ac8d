using System.Text.Json;
using System.Text.Json.Serialization;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Writes a <see cref="ScoredItem"/> with its task outputs flattened into the object, as the API contract shows.
/// Floats are written in their shortest round-trip form (0.0412, not 0.041200000792741776), or with a bounded
/// number of significant digits (<see cref="JsonFloats"/>); a non-finite value, which JSON cannot carry, becomes null.
/// </summary>
public sealed class ScoredItemJsonConverter : JsonConverter<ScoredItem>
{
    internal static readonly JsonEncodedText ItemIdName = JsonEncodedText.Encode("itemId");
    internal static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
    internal static readonly JsonEncodedText GatesName = JsonEncodedText.Encode("gates");
    internal static readonly JsonEncodedText TeamName = JsonEncodedText.Encode("team");

    public override ScoredItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ScoredItem is an answer type; it is never read.");

    public override void Write(Utf8JsonWriter writer, ScoredItem value, JsonSerializerOptions options) =>
        Write(writer, value, JsonFloats.RoundTrip);

    /// <summary>Writes <paramref name="value"/> with <paramref name="significantDigits"/> digits per number (<see cref="JsonFloats"/>).</summary>
    public static void Write(Utf8JsonWriter writer, ScoredItem value, int significantDigits)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(ItemIdName, value.ItemId);
        foreach (var (task, output) in value.Tasks)
        {
            writer.WritePropertyName(task);
            JsonFloats.Write(writer, output, significantDigits);
        }

        writer.WritePropertyName(ScoreName);
        JsonFloats.Write(writer, value.Score, significantDigits);
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
                    JsonFloats.Write(writer, weight, significantDigits);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        if (value.Team is { } team)
        {
            writer.WriteString(TeamName, team);
        }

        writer.WriteEndObject();
    }
}
