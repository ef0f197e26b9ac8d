namespace MmoeService.Trainer.Conflict;

/// <summary>summary.json of the conflict study: the shared study shape plus per-model diagnostics.</summary>
/// <param name="Study">Always <c>recommendation-conflict</c>.</param>
/// <param name="Preset">The world preset, <c>conflict</c>.</param>
/// <param name="Steps">Step budget per model (epoch cap times steps per epoch).</param>
/// <param name="Runs">Seeds per task correlation.</param>
/// <param name="Rows">Per model, ρ and metric: mean, std and 95% interval over seeds.</param>
/// <param name="Differences">Per pair, ρ and metric: the mean paired difference and its 95% interval.</param>
/// <param name="Diagnostics">Per model and ρ: epochs, gate statistics and expert diversity.</param>
public sealed record ConflictSummary(
    string Study,
    string Preset,
    int Steps,
    int Runs,
    IReadOnlyList<ConflictSummaryRow> Rows,
    IReadOnlyList<ConflictDifference> Differences,
    IReadOnlyList<ConflictDiagnostic> Diagnostics);
