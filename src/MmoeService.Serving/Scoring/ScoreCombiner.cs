using System.Buffers;
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

        var order = Order(scores);
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

    /// <summary>
    /// Rows by score descending, ties in row order. The scores become integer keys whose ascending order is the
    /// scores' descending order, so the sort is the runtime's primitive one: a comparer sort was 2% of the
    /// service's CPU at 1,000 candidates (perf). Array.Sort is unstable, so each run of equal keys is put back
    /// into row order afterwards; runs are rare and short.
    /// </summary>
    internal static int[] Order(ReadOnlySpan<double> scores)
    {
        var rows = scores.Length;
        var order = new int[rows];
        var keys = ArrayPool<ulong>.Shared.Rent(rows);
        try
        {
            for (var row = 0; row < rows; row++)
            {
                order[row] = row;
                keys[row] = DescendingKey(scores[row]);
            }

            Array.Sort(keys, order, 0, rows);
            for (var start = 0; start < rows;)
            {
                var end = start + 1;
                while (end < rows && keys[end] == keys[start])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    Array.Sort(order, start, end - start);
                }

                start = end;
            }

            return order;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    /// <summary>
    /// A finite double's bits, flipped so that unsigned order is numeric order (sign bit set for positives, all bits
    /// inverted for negatives), then inverted for descending. -0 counts as 0, as double comparison has it.
    /// </summary>
    private static ulong DescendingKey(double score)
    {
        var bits = BitConverter.DoubleToUInt64Bits(score == 0 ? 0.0 : score);
        var ascending = (bits >> 63) != 0 ? ~bits : bits | (1UL << 63);
        return ~ascending;
    }
}

/// <summary>The first candidate row that could not be scored, and the task whose output was not finite (null: the combined score).</summary>
public sealed record NonFiniteScore(int Row, int? Task);
