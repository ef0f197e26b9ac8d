using MmoeService.Contracts;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Gate weights of one gated (MMoE) arm, task by task.</summary>
/// <param name="Arm">Arm name.</param>
/// <param name="Model">The arm's model.</param>
/// <param name="BaselineVersion">Model version whose manifest gave the training statistics; null without one.</param>
/// <param name="Note">Why drift is missing, or a caveat (the arm served several versions).</param>
/// <param name="Tasks">One entry per task, in the model's task order.</param>
/// <param name="ConcentratedAbove">The largest gate weight above which a candidate counts in <see cref="TaskGates.ConcentratedShare"/>
/// (<see cref="Serving.Scoring.GateSummary.ConcentratedAbove"/>).</param>
/// <param name="ExpertDiversity">
/// Whether the arm's experts learned different things, from the baseline version's manifest (validation split):
/// pairwise linear CKA and matched absolute correlation of expert outputs, near 1 for redundant experts. Null without
/// a baseline or when its manifest predates the figure.
/// </param>
public sealed record ArmGates(
    string Arm, string Model, int? BaselineVersion, string? Note, IReadOnlyList<TaskGates> Tasks, double ConcentratedAbove,
    ExpertDiversity? ExpertDiversity);
