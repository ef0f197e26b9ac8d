using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MmoeService.Serving.Inference;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Unit;

/// <summary>The hand-written answer: bounded digits, the contract's shape, and interned request texts.</summary>
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
    [InlineData(true)]
    [InlineData(false)]
    public void ScoreResponseWriter_Answer_HasTheContractsShape(bool gates)
    {
        var result = new InferenceResult(2, [[0.2f, 0.8f], [0.5f, 0.25f]], gates ? [[0.1f, 0.9f, 0.6f, 0.4f], [0.3f, 0.7f, 0.5f, 0.5f]] : null, Experts: 2);
        var items = ScoreCombiner.Rank(["a", "b"], ["ctr", "satisfaction"], [1, 1], result, includeGates: gates, topK: null, out _)!;
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
    public void Parse_RepeatedFeatureNamesAndValues_ShareOneStringAndKeepEscapedTexts()
    {
        var body = """
            {"userId": "u", "candidates": [
              {"itemId": "a", "features": {"category": "music", "duration": 1}},
              {"itemId": "b", "features": {"category": "music", "duration": 2}},
              {"itemId": "c", "features": {"category": "m\u00fcsic", "duration": 3}}]}
            """;

        var request = ScoreRequestReader.Parse(Encoding.UTF8.GetBytes(body))!;
        var features = request.Candidates!.Select(c => c!.Features!).ToList();

        Assert.Same(features[0].Entries[0].Key, features[1].Entries[0].Key);
        Assert.Same(features[0]["category"].Text, features[1]["category"].Text);
        Assert.Equal("müsic", features[2]["category"].Text);
        Assert.Equal([1.0, 2.0, 3.0], features.Select(f => f["duration"].Number!.Value));
    }

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
