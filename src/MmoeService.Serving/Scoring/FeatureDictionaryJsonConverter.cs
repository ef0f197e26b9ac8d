using System.Text.Json;
using System.Text.Json.Serialization;
using MmoeService.Contracts;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Reads a candidate's <c>features</c> object into a <see cref="FeatureDictionary"/> (one array, no hash table per
/// candidate) with the same rules as the rest of the body: values through <see cref="FeatureValueJsonConverter"/>,
/// and a name given twice is an error rather than last-wins.
/// </summary>
public sealed class FeatureDictionaryJsonConverter : JsonConverter<FeatureDictionary>
{
    public override FeatureDictionary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Candidate features must be an object of feature name to value.");
        }

        var features = new FeatureDictionary();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Utf8StringCache.Get(ref reader);
            reader.Read();
            FeatureValue value;
            try
            {
                value = FeatureValueJsonConverter.ReadValue(ref reader);
            }
            catch (JsonException ex)
            {
                throw new JsonException($"Feature '{name}': {ex.Message}", ex);
            }

            if (!features.TryAdd(name, value))
            {
                throw new JsonException($"Feature '{name}' is given twice in one candidate.");
            }
        }

        return features;
    }

    public override void Write(Utf8JsonWriter writer, FeatureDictionary value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (name, feature) in value.Entries)
        {
            writer.WritePropertyName(name);
            if (feature.Number is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else if (feature.Text is { } text)
            {
                writer.WriteStringValue(text);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndObject();
    }
}
