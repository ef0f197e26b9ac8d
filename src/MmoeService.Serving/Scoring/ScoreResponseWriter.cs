using System.Buffers;
using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The one JSON writer of the score answer: pre-encoded property names, each item straight from the output arrays
/// of the model that ranked it (<see cref="IAnswerItems.SourceOf"/>: one model for an A/B or default answer, either
/// of two for an interleaved one), every number with <see cref="ScoringOptions.SignificantDigits"/> digits
/// (<see cref="JsonFloats"/>), <c>"gates": null</c> unless the caller asked for them, then the answer's
/// <see cref="ItemField"/>s, if it has any (an interleaved item's <c>team</c>). Its shape is the documented <see cref="ScoreResponse"/> /
/// <see cref="ScoredItem"/> schema; the HTTP answer (<see cref="ScoreAnswer"/>) and the benchmarks both call it.
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
    private static readonly JsonEncodedText ItemId = JsonEncodedText.Encode("itemId");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText Gates = JsonEncodedText.Encode("gates");
    private static readonly JsonEncodedText[] Reasons = [.. Enum.GetNames<Routing.AssignmentReason>().Select(n => JsonEncodedText.Encode(n))];

    /// <summary>Options of every writer of the answer: the shape is fixed, so validation is skipped.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { SkipValidation = true };

    public static void Write(IBufferWriter<byte> output, ScoreResponse response, int significantDigits)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
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
        writer.WriteStartArray(Items);
        var items = response.Items;
        var fields = items.Fields;
        for (var i = 0; i < items.Count; i++)
        {
            var source = items.SourceOf(i, out var at);
            writer.WriteStartObject();
            WriteOutputs(writer, source, at, significantDigits);
            for (var f = 0; f < fields.Count; f++)
            {
                writer.WriteString(fields[f].EncodedName, fields[f].Values[i]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The item's own members, from the model that ranked it: id, task outputs, score, gates.</summary>
    private static void WriteOutputs(Utf8JsonWriter writer, RankedItems items, int index, int significantDigits)
    {
        var names = items.Plan.EncodedTaskNames;
        writer.WriteString(ItemId, items.ItemIdUtf8(index));
        for (var t = 0; t < names.Count; t++)
        {
            writer.WritePropertyName(names[t]);
            JsonFloats.Write(writer, items.Output(index, t), significantDigits);
        }

        writer.WritePropertyName(Score);
        JsonFloats.Write(writer, items.Score(index), significantDigits);
        if (!items.IncludesGates)
        {
            writer.WriteNull(Gates);
        }
        else
        {
            writer.WriteStartObject(Gates);
            for (var t = 0; t < names.Count; t++)
            {
                writer.WritePropertyName(names[t]);
                JsonFloats.WriteArray(writer, items.GateWeights(index, t), significantDigits);
            }

            writer.WriteEndObject();
        }
    }
}
