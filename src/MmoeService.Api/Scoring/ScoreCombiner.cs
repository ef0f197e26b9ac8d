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
    public static IReadOnlyList<ScoredItem> Rank(
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
                if (exponents[t] != 0)
                {
                    score *= Math.Pow(result.Tasks[t][row], exponents[t]);
                }
            }

            scores[row] = double.IsFinite(score) ? score : double.NegativeInfinity;
        }

        var order = Enumerable.Range(0, rows).ToArray();

        // Array.Sort is unstable; ordering by (score desc, row asc) makes ties deterministic.
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var keep = Math.Min(rows, topK ?? rows);
        var items = new ScoredItem[keep];
        for (var i = 0; i < keep; i++)
        {
            var row = order[i];
            var tasks = new KeyValuePair<string, float>[taskNames.Count];
            for (var t = 0; t < taskNames.Count; t++)
            {
                tasks[t] = new(taskNames[t], result.Tasks[t][row]);
            }

            Dictionary<string, float[]>? gates = null;
            if (result.Gates is { } gateOutputs)
            {
                gates = new Dictionary<string, float[]>(taskNames.Count, StringComparer.Ordinal);
                for (var t = 0; t < taskNames.Count; t++)
                {
                    gates[taskNames[t]] = gateOutputs[t].AsSpan(row * result.Experts, result.Experts).ToArray();
                }
            }

            items[i] = new ScoredItem(itemIds[row], tasks, double.IsFinite(scores[row]) ? scores[row] : double.NaN, gates);
        }

        return items;
    }
}
