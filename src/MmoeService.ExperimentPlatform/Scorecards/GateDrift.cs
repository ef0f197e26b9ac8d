using MmoeService.Contracts;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Compares an arm's serving gate weights with the training-time statistics in its manifest. Serving means are over
/// ranked candidates, training means over validation rows, so a small drift is expected; a large one (or a gate
/// that has collapsed onto one expert) says the traffic no longer looks like the training data.
/// </summary>
public static class GateDrift
{
    /// <summary>An expert with a mean weight below this is collapsed: the task no longer uses it.</summary>
    public const double CollapsedBelow = 0.01;

    /// <summary>An expert with a mean weight above this dominates: the gate no longer mixes.</summary>
    public const double DominantAbove = 0.90;

    /// <summary>Total variation distance above which a task's gate is flagged as drifted (a tenth of its mass moved).</summary>
    public const double DriftThreshold = 0.10;

    /// <summary>The arm's gate report; null for an arm without gates (Shared-Bottom).</summary>
    /// <param name="arm">The arm's observations.</param>
    /// <param name="baseline">Training statistics of the arm's model, or null.</param>
    /// <param name="missingBaseline">Why <paramref name="baseline"/> is null (shown as the note).</param>
    public static ArmGates? Compare(ArmObservations arm, GateBaseline? baseline, string? missingBaseline)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var gates = arm.Gates.Where(g => g.MeanWeights.Count > 0).ToArray();
        if (gates.Length == 0)
        {
            return null;
        }

        var note = baseline is null ? missingBaseline ?? "No training gate statistics for this model." : null;
        if (baseline is not null && arm.ModelVersions.Any(v => v != baseline.Version))
        {
            note = $"The arm served versions {string.Join(", ", arm.ModelVersions)}; drift is against version {baseline.Version}.";
        }

        var tasks = new TaskGates[gates.Length];
        for (var t = 0; t < gates.Length; t++)
        {
            var name = gates[t].Task;
            var weights = gates[t].MeanWeights.ToArray();
            GateStatistics? statistics = null;
            if (baseline is not null && baseline.Gates.TryGetValue(name, out var stored) && stored.MeanWeights.Count == weights.Length)
            {
                statistics = stored;
            }
            else if (baseline is not null)
            {
                note ??= $"The manifest of version {baseline.Version} has no gate statistics for task '{name}' over {weights.Length} experts.";
            }

            var training = statistics?.MeanWeights;
            var drift = training?.Select((w, e) => weights[e] - w).ToArray();
            double? totalVariation = drift is null ? null : 0.5 * drift.Sum(Math.Abs);
            var dominant = Array.FindIndex(weights, w => w > DominantAbove);
            tasks[t] = new TaskGates(
                name,
                weights,
                training,
                drift,
                totalVariation,
                totalVariation > DriftThreshold,
                Enumerable.Range(0, weights.Length).Where(e => weights[e] < CollapsedBelow).ToArray(),
                dominant < 0 ? null : dominant,
                gates[t].ConcentratedShare,
                statistics?.MeanEntropy,
                statistics?.EffectiveExperts);
        }

        return new ArmGates(arm.Arm, arm.Model, baseline?.Version, note, tasks, Serving.Scoring.GateSummary.ConcentratedAbove, baseline?.ExpertDiversity);
    }
}
