using System.Buffers;
using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Writes a <see cref="ScoreResponse"/> as the API's JSON by hand, straight into the response body: pre-encoded
/// property names, the items from the model's arrays (<see cref="RankedItems.WriteTo"/>), numbers with
/// <see cref="ScoringOptions.SignificantDigits"/> digits. The same shape the source-generated contract
/// (<see cref="ScoringJsonContext"/>) describes; the endpoint and the benchmarks both call this.
/// </summary>
public static class ScoreResponseWriter
{
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
    private static readonly JsonEncodedText Experiment = JsonEncodedText.Encode("experiment");
    private static readonly JsonEncodedText Arm = JsonEncodedText.Encode("arm");
    private static readonly JsonEncodedText Enrolled = JsonEncodedText.Encode("enrolled");
    private static readonly JsonEncodedText AssignmentReason = JsonEncodedText.Encode("assignmentReason");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Architecture = JsonEncodedText.Encode("architecture");
    private static readonly JsonEncodedText ExecutionProvider = JsonEncodedText.Encode("executionProvider");
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText[] Reasons = [.. Enum.GetNames<Routing.AssignmentReason>().Select(n => JsonEncodedText.Encode(n))];

    public static void Write(IBufferWriter<byte> output, ScoreResponse response, int significantDigits = JsonFloats.RoundTrip)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        Write(writer, response, significantDigits);
    }

    public static void Write(Utf8JsonWriter writer, ScoreResponse response, int significantDigits)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        writer.WriteStartObject();
        writer.WriteString(RequestId, response.RequestId);
        writer.WriteString(Experiment, response.Experiment);
        writer.WriteString(Arm, response.Arm);
        writer.WriteBoolean(Enrolled, response.Enrolled);
        writer.WriteString(AssignmentReason, Reasons[(int)response.AssignmentReason]);
        writer.WriteStartObject(Model);
        writer.WriteString(Name, response.Model.Name);
        writer.WriteNumber(Version, response.Model.Version);
        writer.WriteString(Architecture, response.Model.Architecture);
        writer.WriteString(ExecutionProvider, response.Model.ExecutionProvider);
        writer.WriteEndObject();
        writer.WritePropertyName(Items);
        if (response.Items is RankedItems ranked)
        {
            ranked.WriteTo(writer, significantDigits);
        }
        else
        {
            writer.WriteStartArray();
            foreach (var item in response.Items)
            {
                ScoredItemJsonConverter.Write(writer, item, significantDigits);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
    }
}
