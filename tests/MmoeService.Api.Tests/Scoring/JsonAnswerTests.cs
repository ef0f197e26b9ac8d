using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MmoeService.Serving.Inference;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Api.Tests.Scoring;

/// <summary>The one answer writer: bounded digits, the contract's shape, values that read back, interleaved answers.</summary>
[Trait("Kind", "Unit")]
public sealed class JsonAnswerTests
{
    [Theory]
    [InlineData(0.041200000792741776, 6, "0.0412")]
    [InlineData(0.123456789, 6, "0.123457")]
    [InlineData(0.123456789, 3, "0.123")]
    [InlineData(1.5e-7, 6, "1.5E-07")]
    [InlineData(0.123456789, 0, "0.123456789")]
    public void JsonFloats_Double_HasAtMostTheConfiguredSignificantDigits(double value, int digits, string expected) =>
        Assert.Equal(expected, Number(writer => JsonFloats.Write(writer, value, digits)));

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void JsonFloats_NonFinite_IsNull(float value) =>
        Assert.Equal("null", Number(writer => JsonFloats.Write(writer, value, 6)));

    [Fact]
    public void JsonFloats_SixDigits_ReadBackWithinOneMillionthRelative()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var value = (float)Math.Pow(10, -8 * random.NextDouble());
            var text = Number(writer => JsonFloats.Write(writer, value, 6));
            var back = double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(back - value) <= 6e-6 * value, $"{value:R} written as {text}");
        }
    }

    [Theory]
    [InlineData(4, 6)]
    [InlineData(40, 6)]
    [InlineData(4, JsonFloats.RoundTrip)]
    public void JsonFloats_WriteArray_PrintsWhatWritingEachValuePrints(int length, int digits)
    {
        var random = new Random(length);
        float[] values = [.. Enumerable.Range(0, length).Select(i => i == 1 ? float.NaN : (float)random.NextDouble())];

        var array = Number(writer => JsonFloats.WriteArray(writer, values, digits));
        var oneByOne = Number(writer =>
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                JsonFloats.Write(writer, value, digits);
            }

            writer.WriteEndArray();
        });

        Assert.Equal(oneByOne, array);
        Assert.Null(JsonNode.Parse(array)!.AsArray()[1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ScoreResponseWriter_Answer_HasTheContractsShape(bool gates)
    {
        var result = new InferenceResult(2, [[0.2f, 0.8f], [0.5f, 0.25f]], gates ? [[0.1f, 0.9f, 0.6f, 0.4f], [0.3f, 0.7f, 0.5f, 0.5f]] : null, Experts: 2);
        var items = ScoreCombiner.Rank(ItemIdTable.Of(["a", "b"]), ScoringPlan.For(["ctr", "satisfaction"], [1, 1]), result, gates, topK: null, out _)!;
        var response = new ScoreResponse("r-1", null, "mmoe", false, AssignmentReason.Default, new ModelInfo("mmoe", 1, "mmoe", "CPU"), items);
        var buffer = new ArrayBufferWriter<byte>();

        ScoreResponseWriter.Write(buffer, response, significantDigits: 6);
        var answer = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();

        Assert.Equal(["requestId", "experiment", "arm", "enrolled", "assignmentReason", "model", "items"], answer.Select(p => p.Key));
        Assert.Equal(("r-1", (string?)null, "Default", 1), ((string?)answer["requestId"], (string?)answer["experiment"], (string?)answer["assignmentReason"], (int)answer["model"]!["version"]!));
        var first = answer["items"]![0]!.AsObject();
        Assert.Equal(["itemId", "ctr", "satisfaction", "score", "gates"], first.Select(p => p.Key));
        Assert.Equal(("b", 0.2, 0.8 * 0.25), ((string?)first["itemId"], (double)first["score"]!, (double)first["ctr"]! * (double)first["satisfaction"]!));
        if (gates)
        {
            Assert.Equal([0.6, 0.4], first["gates"]!["ctr"]!.AsArray().Select(g => (double)g!));
        }
        else
        {
            Assert.Null(first["gates"]);
        }
    }

    [Fact]
    public void JsonFloats_FastPath_PrintsWhatGFormatPrints()
    {
        var random = new Random(5);
        Span<byte> text = stackalloc byte[JsonFloats.MaxLength];
        for (var i = 0; i < 20_000; i++)
        {
            var value = (float)(Math.Pow(10, 14 * random.NextDouble() - 6) * (random.Next(2) == 0 ? -1 : 1));
            var digits = 1 + random.Next(9);
            var written = JsonFloats.Format(value, digits, text);
            SameOrTie(value, value.ToString("G" + digits, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(text[..written]));
            var score = (double)value * (1 + random.NextDouble());
            written = JsonFloats.Format(score, digits, text);
            SameOrTie(score, score.ToString("G" + digits, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(text[..written]));
        }
    }

    /// <summary>The same text, or (a value exactly halfway between two last digits) the other neighbour, equally close.</summary>
    private static void SameOrTie(double value, string expected, string actual)
    {
        if (expected != actual)
        {
            var exact = (decimal)value;
            var distance = Math.Abs(decimal.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture) - exact);
            Assert.True(distance == Math.Abs(decimal.Parse(actual, NumberStyles.Float, CultureInfo.InvariantCulture) - exact), $"{value:R}: expected {expected}, got {actual}");
        }
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 6)]
    [InlineData(true, 3)]
    [InlineData(true, JsonFloats.RoundTrip)]
    public void ScoreResponseWriter_Answer_ReadsBackToTheSameValuesWithinItsDigits(bool gates, int digits)
    {
        var random = new Random(3);
        const int rows = 50;
        float[] Outputs(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)Math.Pow(10, -6 * random.NextDouble()))];
        var result = new InferenceResult(rows, [Outputs(rows), Outputs(rows)], gates ? [Outputs(rows * 3), Outputs(rows * 3)] : null, Experts: 3);
        string[] ids = [.. Enumerable.Range(0, rows).Select(i => $"item \"{i}\" é<&>")];
        var items = ScoreCombiner.Rank(ItemIdTable.Of(ids), ScoringPlan.For(["ctr", "satisfaction"], [1, 0.5]), result, gates, topK: null, out _)!;
        var response = new ScoreResponse("r-1", "exp", "a", true, AssignmentReason.Hash, new ModelInfo("mmoe", 1, "mmoe", "CPU"), items);
        var buffer = new ArrayBufferWriter<byte>();

        ScoreResponseWriter.Write(buffer, response, digits);
        var written = JsonNode.Parse(buffer.WrittenSpan)!["items"]!.AsArray();

        // Relative error of a number rounded to d significant digits is at most half a unit in the last one.
        var bound = digits == JsonFloats.RoundTrip ? 1e-7 : 0.5 * Math.Pow(10, 1 - digits) * 1.0001;
        Assert.Equal(rows, written.Count);
        for (var i = 0; i < rows; i++)
        {
            var item = written[i]!;
            Assert.Equal(items.ItemId(i), (string?)item["itemId"]);
            Close(items.Output(i, 0), (double)item["ctr"]!, bound);
            Close(items.Output(i, 1), (double)item["satisfaction"]!, bound);
            Close(items.Score(i), (double)item["score"]!, bound);
            if (gates)
            {
                var weights = item["gates"]!["satisfaction"]!.AsArray().Select(w => (double)w!).ToArray();
                Assert.Equal(3, weights.Length);
                for (var e = 0; e < 3; e++)
                {
                    Close(items.GateWeights(i, 1)[e], weights[e], bound);
                }
            }
            else
            {
                Assert.Null(item["gates"]);
            }
        }
    }

    [Fact]
    public void ScoreResponseWriter_InterleavedAnswer_WritesEachItemFromItsOwnModelWithItsTeam()
    {
        // Two models of different gate widths (2 and 3 experts) that rank the same three candidates oppositely.
        string[] ids = ["a", "b", "c"];
        var control = ScoreCombiner.Rank(ItemIdTable.Of(ids), ScoringPlan.For(["ctr", "satisfaction"], [1, 1]), new InferenceResult(
            3, [[0.1f, 0.5f, 0.9f], [1f, 1f, 1f]], [[0.1f, 0.9f, 0.2f, 0.8f, 0.3f, 0.7f], [0.4f, 0.6f, 0.5f, 0.5f, 0.6f, 0.4f]], Experts: 2), includeGates: true, topK: null, out _)!;
        var treatment = ScoreCombiner.Rank(ItemIdTable.Of(ids), ScoringPlan.For(["ctr", "satisfaction"], [1, 1]), new InferenceResult(
            3, [[0.9f, 0.5f, 0.1f], [0.5f, 0.5f, 0.5f]], [[.. Enumerable.Range(0, 9).Select(i => i / 10f)], [.. Enumerable.Range(0, 9).Select(i => 1 - i / 10f)]], Experts: 3), includeGates: true, topK: null, out _)!;
        var items = new InterleavedItems(control, treatment, [new(2, Team.Control), new(0, Team.Treatment), new(1, Team.Control)], "shared-bottom", "mmoe");
        var buffer = new ArrayBufferWriter<byte>();

        ScoreResponseWriter.Write(buffer, new ScoreResponse("r", "x", InterleavedArms.ArmName, true, AssignmentReason.Hash, new ModelInfo("shared-bottom", 1, "shared_bottom", "CPU"), items), 6);
        var written = JsonNode.Parse(buffer.WrittenSpan)!["items"]!.AsArray().Select(i => i!.AsObject()).ToArray();

        Assert.All(written, item => Assert.Equal(["itemId", "ctr", "satisfaction", "score", "gates", "team"], item.Select(p => p.Key)));
        Assert.Equal(["c", "a", "b"], written.Select(i => (string?)i["itemId"]));
        Assert.Equal(["shared-bottom", "mmoe", "shared-bottom"], written.Select(i => (string?)i["team"]));
        Assert.Equal([0.9, 0.45, 0.5], written.Select(i => (double)i["score"]!));
        Assert.Equal([2, 3, 2], written.Select(i => i["gates"]!["ctr"]!.AsArray().Count));
        Assert.Equal([0.3, 0.7], written[0]["gates"]!["ctr"]!.AsArray().Select(g => (double)g!));
        Assert.Equal([1.0, 0.9, 0.8], written[1]["gates"]!["satisfaction"]!.AsArray().Select(g => (double)g!));
        Assert.Equal(("mmoe", 3), (items[1].Team, items[1].Gates!["ctr"].Length));
    }

    private static void Close(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{expected:R} read back as {actual:R}");

    private static string Number(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
