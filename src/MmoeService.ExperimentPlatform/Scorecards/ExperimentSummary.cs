namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One configured experiment as <c>GET /experiments</c> lists it.</summary>
/// <param name="Name">Experiment name.</param>
/// <param name="Status">"running" or "stopped" as configured.</param>
/// <param name="Active">True for the experiment that routes <c>POST /score</c> (at most one).</param>
/// <param name="Coverage">Percent of units enrolled.</param>
/// <param name="Control">The control arm.</param>
/// <param name="Arms">Arms with model and weight, control first.</param>
/// <param name="Scorecard">Relative link to the scorecard JSON.</param>
/// <param name="Dashboard">Relative link to the experiment's dashboard page.</param>
public sealed record ExperimentSummary(
    string Name, string Status, bool Active, double Coverage, string Control, IReadOnlyList<ArmDesign> Arms, string Scorecard, string Dashboard);
