namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Area under the ROC curve as the Mann–Whitney statistic: the probability that a random positive is scored above a
/// random negative, ties counting one half. Tied predictions share their average rank, so
/// <c>AUC = (Σ ranks of positives - P(P+1)/2) / (P·N)</c> equals the pairwise count with ½ per tie exactly.
/// </summary>
public static class RankAuc
{
    /// <summary>
    /// The AUC over binned predictions, bins lowest first: each positive beats the negatives of every lower bin and
    /// ties (½) those of its own bin. Null when there is no positive or no negative.
    /// </summary>
    public static double? FromBins(IReadOnlyList<LabeledBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        double positives = 0, negatives = 0, wins = 0;
        foreach (var bin in bins.OrderBy(b => b.Bin))
        {
            wins += bin.Positives * (negatives + (bin.Negatives / 2.0));
            positives += bin.Positives;
            negatives += bin.Negatives;
        }

        return positives > 0 && negatives > 0 ? wins / (positives * negatives) : null;
    }

    /// <summary>The AUC, or null when the sample has no positive or no negative.</summary>
    public static double? Compute(IReadOnlyList<LabeledPrediction> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var sorted = sample.OrderBy(s => s.Predicted).ToArray();
        long positives = sorted.LongCount(s => s.Label);
        long negatives = sorted.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        double positiveRankSum = 0;
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            var tiedPositives = 0;
            while (end < sorted.Length && sorted[end].Predicted.Equals(sorted[start].Predicted))
            {
                tiedPositives += sorted[end].Label ? 1 : 0;
                end++;
            }

            // Ranks start + 1 … end (1-based) share their mean.
            positiveRankSum += tiedPositives * (start + 1 + end) / 2.0;
            start = end;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
