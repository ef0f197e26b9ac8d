using System.Text.Json;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// What ranking and answering need of one model version, worked out once per version instead of once per request:
/// the task names (plain, and JSON-encoded for the answer's property names) and the configured exponent of each
/// task (<see cref="ScoringOptions.ScoreExponents"/>). Immutable.
/// </summary>
public sealed class ScoringPlan
{
    private ScoringPlan(IReadOnlyList<string> taskNames, double[] exponents)
    {
        TaskNames = taskNames;
        EncodedTaskNames = [.. taskNames.Select(name => JsonEncodedText.Encode(name))];
        Exponents = exponents;
    }

    /// <summary>Task names in output order.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary>The same names, encoded once for the answer's property names.</summary>
    public IReadOnlyList<JsonEncodedText> EncodedTaskNames { get; }

    /// <summary>Exponent of each task in <c>score = Π task^exponent</c>, in task order.</summary>
    public IReadOnlyList<double> Exponents { get; }

    public static ScoringPlan For(IReadOnlyList<string> taskNames, IReadOnlyList<double> exponents)
    {
        ArgumentNullException.ThrowIfNull(taskNames);
        ArgumentNullException.ThrowIfNull(exponents);
        if (exponents.Count != taskNames.Count)
        {
            throw new ArgumentException($"{exponents.Count} exponents for {taskNames.Count} tasks.", nameof(exponents));
        }

        return new ScoringPlan(taskNames, [.. exponents]);
    }
}
