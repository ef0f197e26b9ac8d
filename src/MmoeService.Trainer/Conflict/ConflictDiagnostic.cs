namespace MmoeService.Trainer.Conflict;

/// <summary>
/// Why a model did what it did, per model and task correlation <c>P</c> (ρ), averaged over seeds: epochs run and how
/// many runs hit the epoch cap (<c>RunsAtEpochCap</c>, a sign the budget rather than early stopping ended them),
/// per-task gate statistics, and the experts' mean linear CKA and matched correlation (null without experts).
/// </summary>
public sealed record ConflictDiagnostic(
    string Model,
    double P,
    double EpochsRun,
    int RunsAtEpochCap,
    IReadOnlyList<ConflictGateDiagnostic> Gates,
    double? MeanLinearCka,
    double? MeanMatchedCorrelation);
