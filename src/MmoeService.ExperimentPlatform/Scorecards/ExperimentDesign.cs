using MmoeService.ExperimentPlatform.Assignment;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>What the scorecard needs from an experiment's configuration.</summary>
/// <param name="Name">Experiment name.</param>
/// <param name="Status">"running" or "stopped".</param>
/// <param name="Coverage">Percent of units enrolled (0 … 100).</param>
/// <param name="ControlArm">The arm every other arm is compared with.</param>
/// <param name="Arms">Configured arms.</param>
/// <param name="Active">True when this experiment routes <c>POST /score</c>; an inactive one only shows what it stored.</param>
/// <param name="TuningUnits">Units at which the confidence sequence is tightest (<c>Sequential:TuningUnits</c>).</param>
/// <param name="PlannedUnits">Pre-registered enrolled units of the fixed-horizon reading (<c>Sequential:PlannedUnits</c>); null when none.</param>
/// <param name="Power">Power the minimum detectable effects are quoted at (<c>Scorecards:Power</c>).</param>
public sealed record ExperimentDesign(
    string Name, string Status, double Coverage, string ControlArm, IReadOnlyList<ArmDesign> Arms, bool Active = true,
    int TuningUnits = SequentialDefinition.DefaultTuningUnits, int? PlannedUnits = null, double Power = ScorecardOptions.DefaultPower);
