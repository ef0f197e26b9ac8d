using MmoeService.Contracts;

namespace MmoeService.Trainer.Conflict;

/// <summary>One trained model (or a reference such as the true probabilities) on one world of the study.</summary>
/// <param name="Model">Model key, e.g. <c>mmoe</c>, <c>mmoe+gd0.1</c>, <c>truth</c>.</param>
/// <param name="Correlation">The world's task correlation ρ.</param>
/// <param name="Seed">World, data and initialisation seed.</param>
/// <param name="Parameters">Trainable parameters (both networks for single-task); 0 for references.</param>
/// <param name="EpochsRun">Epochs run before early stopping (the longer of the two for single-task); 0 for references.</param>
/// <param name="Metrics">Metric key (see <see cref="ConflictMetrics"/>) to value.</param>
/// <param name="Gates">Task to validation gate statistics; null without gates.</param>
/// <param name="Diversity">Expert diversity on validation rows; null without experts.</param>
public sealed record ConflictRun(
    string Model,
    double Correlation,
    int Seed,
    long Parameters,
    int EpochsRun,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, GateStatistics>? Gates,
    ExpertDiversity? Diversity);
