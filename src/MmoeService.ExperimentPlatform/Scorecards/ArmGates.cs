namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Gate weights of one gated (MMoE) arm, task by task.</summary>
/// <param name="Arm">Arm name.</param>
/// <param name="Model">The arm's model.</param>
/// <param name="BaselineVersion">Model version whose manifest gave the training statistics; null without one.</param>
/// <param name="Note">Why drift is missing, or a caveat (the arm served several versions).</param>
/// <param name="Tasks">One entry per task, in the model's task order.</param>
/// <param name="ConcentratedAbove">The largest gate weight above which a candidate counts in <see cref="TaskGates.ConcentratedShare"/>
/// (<see cref="Serving.Scoring.GateSummary.ConcentratedAbove"/>).</param>
public sealed record ArmGates(
    string Arm, string Model, int? BaselineVersion, string? Note, IReadOnlyList<TaskGates> Tasks, double ConcentratedAbove);
