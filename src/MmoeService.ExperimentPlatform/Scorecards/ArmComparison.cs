namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One treatment arm against the control arm.</summary>
public sealed record ArmComparison(string Arm, string Control, LiftEstimate Ctr, LiftEstimate Satisfaction);
