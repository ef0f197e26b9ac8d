using System.Text.Json;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Api.Tests.Store;

[Trait("Kind", "Unit")]
public sealed class ShownItemsJsonTests
{
    private static readonly string[] Tasks = ["ctr", "satisfaction"];

    [Fact]
    public void Packed_RoundTrip_KeepsIdsRanksScoresPredictionsAndTeamsExactly()
    {
        ShownItem[] items =
        [
            new("ünïcödé \"quoted\"", 1, [0.1f + float.Epsilon, float.NaN], 0.1 / 3, Team.Treatment),
            new("b", 7, [float.Epsilon, 0.999999f], -1.5e-300),
            new("c", 3, [1f, 0f], double.MaxValue, Team.Control),
        ];

        var read = ShownItemsJson.Read(Text(ShownItemsJson.Write(Exposure(items))), Tasks.Length);

        Assert.Equal(JsonSerializer.Serialize(items, Options), JsonSerializer.Serialize(read, Options));
    }

    [Fact]
    public void Packed_DuplicateItemIds_KeepTheFirst()
    {
        var read = ShownItemsJson.Read(Text(ShownItemsJson.Write(Exposure(new("a", 1, [0.5f, 0.5f], 0.25), new("a", 2, [0.1f, 0.1f], 0.01)))), Tasks.Length);

        Assert.Equal(1, Assert.Single(read).Rank);
    }

    [Fact]
    public void Packed_NoItems_IsNullAndReadsEmpty()
    {
        Assert.Null(ShownItemsJson.Write(Exposure()));
        Assert.Empty(ShownItemsJson.Read(null, Tasks.Length));
    }

    [Fact]
    public void Packed_TaskBeyondTheStoredOnes_ReadsNaN()
    {
        var read = ShownItemsJson.Read(Text(ShownItemsJson.Write(Exposure(new ShownItem("a", 1, [0.5f, 0.25f], 0.125)))), tasks: 3);

        Assert.Equal([0.5f, 0.25f, float.NaN], read.Single().Predictions);
    }

    [Theory]
    [InlineData("""{"ids":["a","b"],"ranks":"AQAAAA==","scores":"AAAAAAAA8D8AAAAAAADwPw==","predictions":[]}""")]
    [InlineData("""{"ids":["a"],"ranks":"AQAAAA==","scores":"AAAAAAAA8D8=","predictions":[],"teams":["Blue"]}""")]
    [InlineData("""{"ids":["a"],"scores":"AAAAAAAA8D8=","predictions":[]}""")]
    public void Packed_MalformedColumns_AreRefusedNotHalfRead(string json)
    {
        var error = Record.Exception(() => ShownItemsJson.Read(json, Tasks.Length));

        Assert.True(error is InvalidDataException or JsonException, error?.ToString() ?? "read without an error");
    }

    private static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string Text(byte[]? utf8) => System.Text.Encoding.UTF8.GetString(utf8!);

    private static ExposureEvent Exposure(params ShownItem[] items) => new(
        "r", "ab", "treatment", true, AssignmentReason.Hash, "unit", "mmoe", 1, Tasks, items, null, null, items.Length, 200, 1, DateTimeOffset.UnixEpoch);
}
