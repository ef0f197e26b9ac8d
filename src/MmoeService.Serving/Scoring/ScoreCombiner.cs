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
        IReadOnlyList<string> itemIds,
        IReadOnlyList<string> taskNames,
        IReadOnlyList<double> exponents,
        InferenceResult result,
        bool includeGates,
        int? topK,
        out NonFiniteScore? nonFinite)
    {
        var rows = result.Rows;
        var scores = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var score = 1.0;
            for (var t = 0; t < taskNames.Count; t++)
            {
                var output = result.Tasks[t][row];
                if (!float.IsFinite(output))
                {
                    nonFinite = new NonFiniteScore(row, t);
                    return null;
                }

                var exponent = exponents[t];
                score *= exponent == 1 ? output : exponent == 0 ? 1.0 : Math.Pow(output, exponent);
            }

            if (!double.IsFinite(score))
            {
                nonFinite = new NonFiniteScore(row, null);
                return null;
            }

            scores[row] = score;
        }

        var order = new int[rows];
        for (var row = 0; row < rows; row++)
        {
            order[row] = row;
        }

        // Array.Sort is unstable; ordering by (score desc, row asc) makes ties deterministic.
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        nonFinite = null;
        return new RankedItems(itemIds, taskNames, result, includeGates, order, scores, Math.Min(rows, topK ?? rows));
    }
}

/// <summary>The first candidate row that could not be scored, and the task whose output was not finite (null: the combined score).</summary>
public sealed record NonFiniteScore(int Row, int? Task);
