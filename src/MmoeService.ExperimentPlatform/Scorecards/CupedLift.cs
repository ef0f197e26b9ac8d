namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// CUPED (Deng, Xu, Kohavi and Walker, WSDM 2013) on one lift: the covariate is each unit's rate on the same task
/// before the experiment started (its own earlier feedback in the store), θ is pooled across the two arms, and units
/// without pre-period labels keep their own intercept (an indicator covariate). The adjusted lift is read
/// always-valid like the raw one; the raw figures here equal the comparison's.
/// </summary>
/// <param name="RawAbsolute">Treatment - control, unadjusted.</param>
/// <param name="RawStandardError">Its delta-method standard error.</param>
/// <param name="Absolute">Treatment - control after subtracting θ·(covariate difference).</param>
/// <param name="StandardError">Standard error of the adjusted difference.</param>
/// <param name="AbsoluteLower">Always-valid lower bound of the adjusted difference.</param>
/// <param name="AbsoluteUpper">Always-valid upper bound of the adjusted difference.</param>
/// <param name="Relative">Adjusted difference over control's unadjusted rate; null when control is 0.</param>
/// <param name="RelativeLower">Always-valid lower bound of the adjusted relative lift.</param>
/// <param name="RelativeUpper">Always-valid upper bound of the adjusted relative lift.</param>
/// <param name="PValue">Always-valid p-value of the adjusted difference.</param>
/// <param name="VarianceReduction">1 - Var(adjusted) / Var(raw), measured on this sample: the share of units the same precision saves.</param>
/// <param name="Theta">θ of the pre-period rate, pooled across arms.</param>
/// <param name="ThetaMissing">θ of the "no pre-period data" indicator, pooled across arms.</param>
/// <param name="PreperiodShare">Share of the comparison's units that have pre-period labels.</param>
/// <param name="Verdict">The verdict of the adjusted lift, by the same rule as the comparison's.</param>
public sealed record CupedLift(
    double RawAbsolute,
    double RawStandardError,
    double Absolute,
    double StandardError,
    double AbsoluteLower,
    double AbsoluteUpper,
    double? Relative,
    double? RelativeLower,
    double? RelativeUpper,
    double PValue,
    double? VarianceReduction,
    double Theta,
    double ThetaMissing,
    double PreperiodShare,
    string Verdict);
