namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// The always-valid reading of one lift: an asymptotic confidence sequence (Howard, Ramdas, McAuliffe and Sekhon 2021;
/// Waudby-Smith et al. 2023) around the delta-method estimate, tightest at <c>Sequential:TuningUnits</c>. The interval
/// and p-value hold at every look simultaneously, so watching the dashboard does not raise the false-positive rate.
/// Bounds are null where the fixed-horizon ones are (too few units, no labeled impression, control 0).
/// </summary>
/// <param name="AbsoluteLower">Lower bound of treatment - control.</param>
/// <param name="AbsoluteUpper">Upper bound of treatment - control.</param>
/// <param name="RelativeLower">Lower bound of treatment / control - 1.</param>
/// <param name="RelativeUpper">Upper bound of treatment / control - 1.</param>
/// <param name="PValue">Always-valid p-value of treatment = control (on the absolute difference).</param>
/// <param name="AdjustedPValue">Holm-adjusted always-valid p-value when the scorecard applies the correction; otherwise null.</param>
/// <param name="Units">Units behind the comparison (both arms' units with labeled impressions): the n of the sequence.</param>
/// <param name="Significant">The (adjusted, when applied) always-valid p-value is at most α.</param>
public sealed record AlwaysValidLift(
    double? AbsoluteLower,
    double? AbsoluteUpper,
    double? RelativeLower,
    double? RelativeUpper,
    double? PValue,
    double? AdjustedPValue,
    long Units,
    bool Significant);

/// <summary>
/// Minimum detectable effect of the current sample: (h + z(power))·SE, with h = z(1-α/2) for the fixed-horizon test
/// and h = the confidence sequence's half-width factor at the current units for the always-valid one. Null where the
/// lift has no standard error.
/// </summary>
/// <param name="Absolute">Fixed-horizon, on treatment - control.</param>
/// <param name="Relative">Fixed-horizon, as a share of control's rate.</param>
/// <param name="AlwaysValidAbsolute">Always-valid, on treatment - control.</param>
/// <param name="AlwaysValidRelative">Always-valid, as a share of control's rate.</param>
public sealed record DetectableEffect(double? Absolute, double? Relative, double? AlwaysValidAbsolute, double? AlwaysValidRelative);
