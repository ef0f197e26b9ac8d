namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// Holm's step-down adjustment (Holm, "A simple sequentially rejective multiple test procedure", Scand. J. Statist.
/// 1979): sort the m p-values, p̃(i) = max over j ≤ i of min(1, (m - j + 1)·p(j)). Rejecting where p̃ ≤ α keeps the
/// family-wise error rate at α for any dependence between the tests. Always-valid p-values stay valid at any
/// stopping time, so the adjustment applies to them at every look.
/// </summary>
public static class Holm
{
    /// <summary>Adjusted p-values in the input order.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }

        return adjusted;
    }
}
