namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Treatment against control for one rate, fixed-horizon: the Wald 95% interval and p-value, valid only when read
/// once at the pre-registered horizon (<c>Sequential:PlannedUnits</c>); the always-valid reading beside it holds at
/// every look. Null where a side has fewer than 2 units or no labeled impression (and the relative ones where control is 0).
/// </summary>
/// <param name="Control">Control's rate (Σ positives / Σ labeled over its units).</param>
/// <param name="Treatment">Treatment's rate.</param>
/// <param name="Absolute">Treatment - control.</param>
/// <param name="AbsoluteLower">Lower 95% bound of the absolute lift.</param>
/// <param name="AbsoluteUpper">Upper 95% bound of the absolute lift.</param>
/// <param name="Relative">Treatment / control - 1.</param>
/// <param name="RelativeLower">Lower 95% bound of the relative lift.</param>
/// <param name="RelativeUpper">Upper 95% bound of the relative lift.</param>
/// <param name="PValue">Two-sided Wald p-value of treatment = control (the absolute difference over its standard error).</param>
/// <param name="Significant">PValue below 0.05, the level the interval is drawn at (fixed-horizon, unadjusted; the verdict is the comparison's Verdict).</param>
public sealed record LiftEstimate(
    double? Control,
    double? Treatment,
    double? Absolute,
    double? AbsoluteLower,
    double? AbsoluteUpper,
    double? Relative,
    double? RelativeLower,
    double? RelativeUpper,
    double? PValue,
    bool Significant);
