namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// Raw and CUPED-adjusted lift side by side. <see cref="VarianceReduction"/> is 1 - Var(adjusted) / Var(raw): the
/// share of the raw variance the covariate explained, so the same precision needs that share fewer units.
/// </summary>
/// <param name="Raw">The unadjusted lift.</param>
/// <param name="Adjusted">The lift after subtracting θ·(covariate difference).</param>
/// <param name="ThetaCovariate">θ of the pre-period covariate, pooled across arms.</param>
/// <param name="ThetaMissing">θ of the "no pre-period data" indicator, pooled across arms.</param>
/// <param name="VarianceReduction">1 - Var(adjusted) / Var(raw); null when the raw variance is 0.</param>
public sealed record CupedComparison(Estimate Raw, Estimate Adjusted, double ThetaCovariate, double ThetaMissing, double? VarianceReduction);
