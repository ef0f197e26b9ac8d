using System.Text.Json;
using System.Text.Json.Serialization;
using MmoeService.Contracts;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Reads a raw feature value straight from the request JSON: a number, a string, or null (missing).
/// Anything else (true, an object, an array, a number too large for a double) is a 400 with the JSON path,
/// raised while parsing so no value is ever half encoded.
/// </summary>
public sealed class FeatureValueJsonConverter : JsonConverter<FeatureValue>
{
    public override bool HandleNull => true;

    public override FeatureValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary>The value at the reader's current token; shared with <see cref="FeatureDictionaryJsonConverter"/>.</summary>
    /// <exception cref="JsonException">The token is not a finite number, a string or null.</exception>
    public static FeatureValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return FeatureValue.Missing;
            case JsonTokenType.String:
                return FeatureValue.FromText(Utf8StringCache.Get(ref reader));
            case JsonTokenType.Number:
                if (reader.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return FeatureValue.FromNumber(number);
                }

                throw new JsonException("Feature values must be finite numbers; this number does not fit a double.");
            default:
                throw new JsonException($"Feature values must be a number, a string or null; got {Describe(reader.TokenType)}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, FeatureValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else if (value.Text is { } text)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
