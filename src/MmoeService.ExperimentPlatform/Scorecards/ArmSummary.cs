namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>A configured arm as <c>GET /experiments</c> lists it.</summary>
public sealed record ArmSummary(string Name, string Model, double Weight);
