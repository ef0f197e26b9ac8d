using MmoeService.Serving.Inference;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Per task, the mean gate weight of each expert over a request's scored candidates, and the share of those
/// candidates whose largest weight exceeds <see cref="ConcentratedAbove"/>. Computed once, right after the run,
/// so the answer and the observers never walk the raw gate outputs twice.
/// </summary>
/// <param name="MeanGates">Per task (output order), one mean weight per expert of that task's gate.</param>
/// <param name="ConcentratedShare">Per task, the share of candidates one expert decides alone.</param>
public sealed record GateSummary(IReadOnlyList<float[]> MeanGates, IReadOnlyList<float> ConcentratedShare)
{
    /// <summary>
    /// A candidate whose largest gate weight for a task exceeds this is concentrated: one expert scores it alone.
    /// Single answers show gates near 0.998 on one expert, which a mean per expert over many candidates hides.
    /// </summary>
    public const double ConcentratedAbove = 0.95;

    /// <summary>The summary of <paramref name="result"/>'s gates; null when the run returned none.</summary>
    public static GateSummary? Of(InferenceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Gates is not { } gates || result.Rows == 0)
        {
            return null;
        }

        var means = new float[gates.Count][];
        var shares = new float[gates.Count];
        for (var t = 0; t < gates.Count; t++)
        {
            // A task's gate width comes from its own output: gates of different tasks may span different experts.
            var weights = gates[t];
            var experts = weights.Length / result.Rows;
            var sums = new double[experts];
            var concentrated = 0;
            for (var row = 0; row < result.Rows; row++)
            {
                var largest = float.NegativeInfinity;
                for (var e = 0; e < experts; e++)
                {
                    var weight = weights[(row * experts) + e];
                    sums[e] += weight;
                    largest = Math.Max(largest, weight);
                }

                if (largest > ConcentratedAbove)
                {
                    concentrated++;
                }
            }

            means[t] = new float[experts];
            for (var e = 0; e < experts; e++)
            {
                means[t][e] = (float)(sums[e] / result.Rows);
            }

            shares[t] = (float)concentrated / result.Rows;
        }

        return new GateSummary(means, shares);
    }
}
