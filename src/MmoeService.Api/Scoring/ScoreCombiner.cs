using MmoeService.Api.Inference;

namespace MmoeService.Api.Scoring;

/// <summary>
/// Combines task outputs into one ranking score, <c>Π task^exponent</c> (the YouTube-style weighted product),
/// sorts best first and cuts to topK. Ties keep request order; a non-finite score sorts last.
/// </summary>
public static class ScoreCombiner
{
    /// <param name="itemIds">Item ids in row order.</param>
    /// <param name="taskNames">Task names in output order.</param>
    /// <param name="exponents">Exponent per task, same order.</param>
    /// <param name="result">Model outputs.</param>
    /// <param name="topK">Items to keep; null keeps all.</param>
    /// <returns>A <see cref="RankedItems"/>: the answer is written from the model's arrays, items are built only on demand.</returns>
    public static RankedItems Rank(
        IReadOnlyList<string> itemIds,
        IReadOnlyList<string> taskNames,
        IReadOnlyList<double> exponents,
        InferenceResult result,
        int? topK)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(taskNames);
        ArgumentNullException.ThrowIfNull(exponents);
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows;
        var scores = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var score = 1.0;
            for (var t = 0; t < taskNames.Count; t++)
            {
                var exponent = exponents[t];
                if (exponent == 1)
                {
                    score *= result.Tasks[t][row];
                }
                else if (exponent != 0)
                {
                    score *= Math.Pow(result.Tasks[t][row], exponent);
                }
            }

            scores[row] = double.IsFinite(score) ? score : double.NegativeInfinity;
        }

        var order = new int[rows];
        for (var row = 0; row < rows; row++)
        {
            order[row] = row;
        }

        // Array.Sort is unstable; ordering by (score desc, row asc) makes ties deterministic.
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        for (var row = 0; row < rows; row++)
        {
            if (!double.IsFinite(scores[row]))
            {
                scores[row] = double.NaN;
            }
        }

        return new RankedItems(itemIds, taskNames, result, order, scores, Math.Min(rows, topK ?? rows));
    }
}
