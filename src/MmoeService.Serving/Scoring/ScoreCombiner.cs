using MmoeService.Serving.Inference;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Combines the per-task outputs into one ranking score, score = Π task^exponent (an exponent of 0 drops a task),
/// and orders the candidates by it. The score is computed once here; a row whose output or score is not finite
/// ends the ranking, because JSON cannot carry it and no answer is better than a wrong one.
/// </summary>
public static class ScoreCombiner
{
    /// <returns>The ranked items, or null with <paramref name="nonFinite"/> set to the first row that cannot be scored.</returns>
    public static RankedItems? Rank(
        ItemIdTable itemIds,
        ScoringPlan plan,
        InferenceResult result,
        bool includeGates,
        int? topK,
        out NonFiniteScore? nonFinite)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows;
        var tasks = result.Tasks;
        var exponents = plan.Exponents;
        var scores = new double[rows];
        scores.AsSpan().Fill(1.0);
        for (var t = 0; t < tasks.Count; t++)
        {
            // Task by task: one tight loop per output array, and the exponent's special cases decided once.
            var outputs = tasks[t].AsSpan(0, rows);
            var exponent = exponents[t];
            for (var row = 0; row < rows; row++)
            {
                var output = outputs[row];
                if (!float.IsFinite(output))
                {
                    nonFinite = FirstBadRow(tasks, exponents, rows);
                    return null;
                }

                scores[row] *= exponent == 1 ? output : exponent == 0 ? 1.0 : Math.Pow(output, exponent);
            }
        }

        for (var row = 0; row < rows; row++)
        {
            if (!double.IsFinite(scores[row]))
            {
                nonFinite = FirstBadRow(tasks, exponents, rows);
                return null;
            }
        }

        var order = new int[rows];
        for (var row = 0; row < rows; row++)
        {
            order[row] = row;
        }

        // Array.Sort is unstable; ordering by (score desc, row asc) makes ties deterministic.
        Array.Sort(order, new Descending(scores));
        nonFinite = null;
        return new RankedItems(itemIds, plan, result, includeGates, order, scores, Math.Min(rows, topK ?? rows));
    }

    /// <summary>The first row (in row order) that cannot be scored, and why; the slow pass, run only once a row failed.</summary>
    private static NonFiniteScore FirstBadRow(IReadOnlyList<float[]> tasks, IReadOnlyList<double> exponents, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            var score = 1.0;
            for (var t = 0; t < tasks.Count; t++)
            {
                var output = tasks[t][row];
                if (!float.IsFinite(output))
                {
                    return new NonFiniteScore(row, t);
                }

                var exponent = exponents[t];
                score *= exponent == 1 ? output : exponent == 0 ? 1.0 : Math.Pow(output, exponent);
            }

            if (!double.IsFinite(score))
            {
                return new NonFiniteScore(row, null);
            }
        }

        throw new InvalidOperationException("A ranking failed, yet every row scores.");
    }

    private sealed class Descending(double[] scores) : IComparer<int>
    {
        public int Compare(int a, int b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b);
    }
}

/// <summary>The first candidate row that could not be scored, and the task whose output was not finite (null: the combined score).</summary>
public sealed record NonFiniteScore(int Row, int? Task);
