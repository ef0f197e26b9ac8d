using System.Buffers;
using System.Text;
using System.Text.Json;
using MmoeService.Api.Inference;
using MmoeService.Api.Scoring;

namespace MmoeService.Api.Tests.Unit;

public sealed class ScoreCombinerTests
{
    private static readonly string[] Tasks = ["ctr", "satisfaction"];

    [Fact]
    public void Rank_DefaultExponents_ScoreIsTheProductOfTheTasks()
    {
        var items = ScoreCombiner.Rank(["a"], Tasks, [1, 1], Result([0.5f], [0.2f]), topK: null);

        Assert.Equal(0.5 * 0.2, Assert.Single(items).Score, 1e-7);
    }

    [Fact]
    public void Rank_ConfiguredExponents_WeightTheTasks()
    {
        var items = ScoreCombiner.Rank(["a"], Tasks, [2, 0.5], Result([0.5f], [0.25f]), topK: null);

        Assert.Equal(0.25 * 0.5, Assert.Single(items).Score, 1e-7);
    }

    [Fact]
    public void Rank_ZeroExponent_LeavesTheTaskOut()
    {
        var items = ScoreCombiner.Rank(["a"], Tasks, [1, 0], Result([0.3f], [0f]), topK: null);

        Assert.Equal(0.3, Assert.Single(items).Score, 1e-6);
    }

    [Fact]
    public void Rank_Items_AreSortedByScoreDescendingWithTiesInRequestOrder()
    {
        var items = ScoreCombiner.Rank(["a", "b", "c", "d"], Tasks, [1, 1], Result([0.1f, 0.9f, 0.5f, 0.9f], [1f, 1f, 1f, 1f]), topK: null);

        Assert.Equal(["b", "d", "c", "a"], items.Select(i => i.ItemId));
    }

    [Fact]
    public void Rank_TopK_KeepsTheBestItems()
    {
        var items = ScoreCombiner.Rank(["a", "b", "c"], Tasks, [1, 1], Result([0.1f, 0.9f, 0.5f], [1f, 1f, 1f]), topK: 2);

        Assert.Equal(["b", "c"], items.Select(i => i.ItemId));
    }

    [Fact]
    public void Rank_TopKAboveCount_KeepsEverything()
    {
        Assert.Equal(2, ScoreCombiner.Rank(["a", "b"], Tasks, [1, 1], Result([0.1f, 0.2f], [1f, 1f]), topK: 50).Count);
    }

    [Fact]
    public void Rank_NonFiniteScore_SortsLast()
    {
        var items = ScoreCombiner.Rank(["a", "b"], Tasks, [1, 0.5], Result([0.1f, 0.9f], [0.5f, -1f]), topK: null);

        Assert.Equal(["a", "b"], items.Select(i => i.ItemId));
        Assert.True(double.IsNaN(items[1].Score));
    }

    [Fact]
    public void Rank_Gates_AreSlicedPerItemAndTask()
    {
        var result = new InferenceResult(2, [[0.2f, 0.8f], [1f, 1f]], [[0.1f, 0.9f, 0.6f, 0.4f], [0.3f, 0.7f, 0.5f, 0.5f]], Experts: 2);

        var items = ScoreCombiner.Rank(["a", "b"], Tasks, [1, 1], result, topK: null);

        Assert.Equal("b", items[0].ItemId);
        Assert.Equal([0.6f, 0.4f], items[0].Gates!["ctr"]);
        Assert.Equal([0.5f, 0.5f], items[0].Gates!["satisfaction"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RankedItems_Json_IsTheSameAsWritingEachScoredItem(bool gates)
    {
        var result = new InferenceResult(
            3, [[0.2f, 0.8f, float.NaN], [1f, 0.125f, 0.5f]], gates ? [[0.1f, 0.9f, 0.6f, 0.4f, 1f, 0f], [0.3f, 0.7f, 0.5f, 0.5f, 0f, 1f]] : null, Experts: 2);
        var items = ScoreCombiner.Rank(["a", "b\"quoted\"", "c"], Tasks, [1, 1], result, topK: 3);
        var options = new JsonSerializerOptions { Converters = { new ScoredItemJsonConverter() } };

        var direct = Json(writer => items.WriteTo(writer));
        var itemByItem = Json(writer => JsonSerializer.Serialize(writer, items.ToList(), options));

        Assert.Equal(itemByItem, direct);
        Assert.Contains("\"score\":null", direct, StringComparison.Ordinal);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static InferenceResult Result(float[] ctr, float[] satisfaction) => new(ctr.Length, [ctr, satisfaction], null, 0);
}
