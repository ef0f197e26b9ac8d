using MmoeService.Serving.Inference;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Scoring;

[Trait("Kind", "Unit")]
public sealed class ScoreCombinerTests
{
    private static readonly string[] Tasks = ["ctr", "satisfaction"];

    [Fact]
    public void Rank_DefaultExponents_ScoreIsTheProductOfTheTasks()
    {
        var items = Ranked(["a"], Tasks, [1, 1], Result([0.5f], [0.2f]), topK: null);

        Assert.Equal(0.5 * 0.2, Assert.Single(items).Score, 1e-7);
    }

    [Fact]
    public void Rank_ConfiguredExponents_WeightTheTasks()
    {
        var items = Ranked(["a"], Tasks, [2, 0.5], Result([0.5f], [0.25f]), topK: null);

        Assert.Equal(0.25 * 0.5, Assert.Single(items).Score, 1e-7);
    }

    [Fact]
    public void Rank_ZeroExponent_LeavesTheTaskOut()
    {
        var items = Ranked(["a"], Tasks, [1, 0], Result([0.3f], [0f]), topK: null);

        Assert.Equal(0.3, Assert.Single(items).Score, 1e-6);
    }

    [Fact]
    public void Rank_Items_AreSortedByScoreDescendingWithTiesInRequestOrder()
    {
        var items = Ranked(["a", "b", "c", "d"], Tasks, [1, 1], Result([0.1f, 0.9f, 0.5f, 0.9f], [1f, 1f, 1f, 1f]), topK: null);

        Assert.Equal(["b", "d", "c", "a"], items.Select(i => i.ItemId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Order_IsScoreDescendingWithTiesInRowOrder_LikeAStableSort(int rows)
    {
        // Few distinct values, so most rows tie; signed zeros, negatives and extremes included.
        double[] values = [0.0, -0.0, 1e-300, 0.5, 0.5000000000000001, 1, -1, -2.5e-8, double.MaxValue, double.MinValue];
        var random = new Random(rows);
        double[] scores = [.. Enumerable.Range(0, rows).Select(_ => values[random.Next(values.Length)])];

        var order = ScoreCombiner.Order(scores);

        Assert.Equal(Enumerable.Range(0, rows).OrderByDescending(row => scores[row]), order);
    }

    [Fact]
    public void Rank_TopK_KeepsTheBestItems()
    {
        var items = Ranked(["a", "b", "c"], Tasks, [1, 1], Result([0.1f, 0.9f, 0.5f], [1f, 1f, 1f]), topK: 2);

        Assert.Equal(["b", "c"], items.Select(i => i.ItemId));
    }

    [Fact]
    public void Rank_TopKAboveCount_KeepsEverything()
    {
        Assert.Equal(2, Ranked(["a", "b"], Tasks, [1, 1], Result([0.1f, 0.2f], [1f, 1f]), topK: 50).Count);
    }

    [Fact]
    public void Rank_NonFiniteScore_IsRefusedWithItsRow()
    {
        var items = Rank(["a", "b"], Tasks, [1, 0.5], Result([0.1f, 0.9f], [0.5f, -1f]), includeGates: false, topK: null, out var nonFinite);

        Assert.Null(items);
        Assert.Equal(new NonFiniteScore(1, null), nonFinite);
    }

    [Fact]
    public void Rank_NonFiniteOutput_IsRefusedWithItsTask()
    {
        var items = Rank(["a", "b"], Tasks, [1, 1], Result([0.1f, float.NaN], [0.5f, 0.5f]), includeGates: false, topK: null, out var nonFinite);

        Assert.Null(items);
        Assert.Equal(new NonFiniteScore(1, 0), nonFinite);
    }

    [Fact]
    public void Rank_GatesNotAsked_AreLeftOut()
    {
        var result = new InferenceResult(1, [[0.2f], [1f]], [[0.1f, 0.9f], [0.3f, 0.7f]], Experts: 2);

        var items = Rank(["a"], Tasks, [1, 1], result, includeGates: false, topK: null, out _);

        Assert.Null(Assert.Single(items!).Gates);
    }

    [Fact]
    public void Rank_Gates_AreSlicedPerItemAndTask()
    {
        var result = new InferenceResult(2, [[0.2f, 0.8f], [1f, 1f]], [[0.1f, 0.9f, 0.6f, 0.4f], [0.3f, 0.7f, 0.5f, 0.5f]], Experts: 2);

        var items = Ranked(["a", "b"], Tasks, [1, 1], result, topK: null);

        Assert.Equal("b", items[0].ItemId);
        Assert.Equal([0.6f, 0.4f], items[0].Gates!["ctr"]);
        Assert.Equal([0.5f, 0.5f], items[0].Gates!["satisfaction"]);
    }

    private static RankedItems Ranked(string[] itemIds, string[] tasks, double[] exponents, InferenceResult result, int? topK) =>
        Rank(itemIds, tasks, exponents, result, includeGates: true, topK, out _)!;

    private static RankedItems? Rank(string[] itemIds, string[] tasks, double[] exponents, InferenceResult result, bool includeGates, int? topK, out NonFiniteScore? nonFinite) =>
        ScoreCombiner.Rank(ItemIdTable.Of(itemIds), ScoringPlan.For(tasks, exponents), result, includeGates, topK, out nonFinite);

    private static InferenceResult Result(float[] ctr, float[] satisfaction) => new(ctr.Length, [ctr, satisfaction], null, 0);
}
