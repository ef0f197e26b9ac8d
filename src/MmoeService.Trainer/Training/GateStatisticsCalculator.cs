using MmoeService.Contracts;

namespace MmoeService.Trainer.Training;

/// <summary>
/// Summarises gate weights the way the paper's Fig. 6 does: mean weight per expert and mean per-row entropy,
/// plus how often each expert leads, how polarised rows are, and how many experts the task uses overall.
/// One dominant expert with entropy near 0 is expert collapse; ln(experts) is a uniform gate.
/// </summary>
public static class GateStatisticsCalculator
{
    /// <param name="gates">Row-major [rows, experts] softmax weights of one task.</param>
    /// <param name="experts">Number of experts (row width).</param>
    public static GateStatistics Compute(ReadOnlySpan<float> gates, int experts)
    {
        if (experts < 1 || gates.Length == 0 || gates.Length % experts != 0)
        {
            throw new ArgumentException($"Gate weights of {gates.Length} values do not form rows of {experts} experts.", nameof(gates));
        }

        var rows = gates.Length / experts;
        var sums = new double[experts];
        var leads = new double[experts];
        double entropy = 0;
        double largest = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = gates.Slice(r * experts, experts);
            var top = 0;
            for (var e = 0; e < experts; e++)
            {
                sums[e] += row[e];
                if (row[e] > 0)
                {
                    entropy -= row[e] * Math.Log(row[e]);
                }

                if (row[e] > row[top])
                {
                    top = e;
                }
            }

            leads[top]++;
            largest += row[top];
        }

        var means = sums.Select(s => s / rows).ToArray();
        var meanEntropy = -means.Where(m => m > 0).Sum(m => m * Math.Log(m));
        return new GateStatistics(
            means,
            entropy / rows,
            [.. leads.Select(l => l / rows)],
            largest / rows,
            Math.Exp(meanEntropy));
    }
}
