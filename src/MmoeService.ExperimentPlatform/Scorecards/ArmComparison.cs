namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One treatment arm against the control arm, task by task.</summary>
public sealed record ArmComparison(string Arm, string Control, IReadOnlyList<TaskLift> Tasks);

/// <summary>The lift of one task's rate.</summary>
public sealed record TaskLift(string Task, LiftEstimate Lift);
