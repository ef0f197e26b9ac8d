namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// The smallest true effect the current sample would detect with the given power, on the scale of the estimate.
/// An estimate with standard error SE is approximately N(δ, SE²); a two-sided test with half-width h·SE rejects
/// with probability ≈ Φ(δ/SE - h) (the far tail is negligible), so power π needs δ = (h + z(π))·SE.
/// Fixed horizon: h = z(1 - α/2), the textbook (z(1-α/2) + z(π))·SE. Always valid: h = w(n), the confidence
/// sequence's factor at this n, which is the effect this look alone would detect (earlier looks only add chances
/// to reject, so the always-valid figure is conservative).
/// </summary>
public static class MinimumDetectableEffect
{
    public static double FixedHorizon(double standardError, double alpha, double power) =>
        (NormalQuantile.Of(1 - alpha / 2) + NormalQuantile.Of(power)) * standardError;

    public static double AlwaysValid(double standardError, double units, double rho, double alpha, double power) =>
        (ConfidenceSequence.HalfWidthFactor(units, rho, alpha) + NormalQuantile.Of(power)) * standardError;
}
