using BenchmarkDotNet.Attributes;
using MmoeService.Serving.Scoring;

namespace MmoeService.Benchmarks;

/// <summary>
/// Ordering the candidates by score (descending, ties in row order): <see cref="ScoreCombiner.Order"/>'s integer keys
/// against the comparer sort it replaced, kept here as the baseline. Scores are drawn like a model's (products of
/// two probabilities), fixed seed.
/// </summary>
public class RankingBenchmarks
{
    private double[] _scores = [];

    [Params(100, 1000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _scores = [.. Enumerable.Range(0, Candidates).Select(_ => random.NextDouble() * random.NextDouble())];
    }

    [Benchmark(Baseline = true, Description = "Comparer sort (before)")]
    public int[] ComparerSort()
    {
        var order = new int[_scores.Length];
        for (var row = 0; row < order.Length; row++)
        {
            order[row] = row;
        }

        Array.Sort(order, new Descending(_scores));
        return order;
    }

    [Benchmark(Description = "ScoreCombiner.Order (integer keys)")]
    public int[] KeySort() => ScoreCombiner.Order(_scores);

    private sealed class Descending(double[] scores) : IComparer<int>
    {
        public int Compare(int a, int b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b);
    }
}
