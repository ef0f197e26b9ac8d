namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>A configured arm: its model and its weight (share of enrolled units, out of the sum of weights).</summary>
/// <param name="Name">Arm name.</param>
/// <param name="Model">The model the arm serves.</param>
/// <param name="Weight">The arm's weight; its share of enrolled units is the weight over the sum of the experiment's weights.</param>
public sealed record ArmDesign(string Name, string Model, double Weight);
