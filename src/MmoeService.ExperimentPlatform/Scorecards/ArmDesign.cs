namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>A configured arm: its model and its weight (share of enrolled units, out of the sum of weights).</summary>
public sealed record ArmDesign(string Name, string Model, double Weight);
