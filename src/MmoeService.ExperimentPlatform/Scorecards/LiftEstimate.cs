namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Treatment against control for one rate. Bounds are the 95% interval; null where a side has fewer than 2 units
/// or no labeled impression (and the relative ones where control is 0).
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
/// <param name="Significant">PValue below 0.05, the level the interval is drawn at.</param>
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
