namespace MmoeService.Trainer.Tests.Infrastructure;

/// <summary>Reference statistics for data tests, written plainly rather than fast.</summary>
internal static class Stats
{
    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var meanA = a.Average();
        var meanB = b.Average();
        double cov = 0, varA = 0, varB = 0;
        for (var i = 0; i < a.Count; i++)
        {
            cov += (a[i] - meanA) * (b[i] - meanB);
            varA += (a[i] - meanA) * (a[i] - meanA);
            varB += (b[i] - meanB) * (b[i] - meanB);
        }

        return cov / Math.Sqrt(varA * varB);
    }

    /// <summary>ROC AUC by the rank-sum formula, ties given half credit.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = (start + end) / 2.0 + 1;
            }

            start = end + 1;
        }

        double positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var rankSum = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i])
            {
                rankSum += ranks[i];
            }
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
