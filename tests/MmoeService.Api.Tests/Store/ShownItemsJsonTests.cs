using System.Text.Json;
using MmoeService.ExperimentPlatform.Store;
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

        var read = ShownItemsJson.Read(Packed(items), Tasks.Length);

        Assert.Equal(JsonSerializer.Serialize(items, Options), JsonSerializer.Serialize(read, Options));
    }

    [Fact]
    public void Packed_DuplicateItemIds_KeepTheFirst()
    {
        var read = ShownItemsJson.Read(Packed(new("a", 1, [0.5f, 0.5f], 0.25), new("a", 2, [0.1f, 0.1f], 0.01)), Tasks.Length);

        Assert.Equal(1, Assert.Single(read).Rank);
    }

    [Fact]
    public void Packed_NoItems_IsNullAndReadsEmpty()
    {
        Assert.Null(ShownItemsJson.Write(Tasks, []));
        Assert.Empty(ShownItemsJson.Read(null, Tasks.Length));
    }

    [Fact]
    public void Packed_TaskBeyondTheStoredOnes_ReadsNaN()
    {
        var read = ShownItemsJson.Read(Packed(new ShownItem("a", 1, [0.5f, 0.25f], 0.125)), tasks: 3);

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

    /// <summary>The packed text of <paramref name="items"/> for <see cref="Tasks"/>, as the store holds it.</summary>
    private static string Packed(params ShownItem[] items) => System.Text.Encoding.UTF8.GetString(ShownItemsJson.Write(Tasks, items)!);
}
