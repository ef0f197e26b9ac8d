namespace MmoeService.Trainer.Simulation;

/// <summary>
/// The always-valid p-value of the asymptotic confidence sequence the service's scorecard uses (Howard, Ramdas,
/// McAuliffe and Sekhon 2021, normal mixture; Waudby-Smith et al. 2023), for scorecards that report only the
/// fixed-horizon reading: p(n) = min(1, √(1 + nρ²) · exp(-z² · nρ² / (2(1 + nρ²)))), z = estimate / SE, with
/// ρ² = (-2 ln α + ln(1 - 2 ln α)) / N*. The trainer cannot reference the platform, so the formula is restated here.
/// </summary>
public static class AlwaysValid
{
    /// <summary>GrowthBook's default tuning units N*, the platform's default too.</summary>
    public const double DefaultTuningUnits = 5_000;

    public static double PValue(double estimate, double standardError, double units, double tuningUnits = DefaultTuningUnits, double alpha = 0.05)
    {
        if (!(standardError > 0) || !(units > 0))
        {
            return estimate == 0 ? 1 : 0;
        }

        var twoLog = -2 * Math.Log(alpha);
        var rhoSquared = (twoLog + Math.Log(twoLog + 1)) / tuningUnits;
        var v = units * rhoSquared;
        var z = estimate / standardError;
        return Math.Min(1, Math.Exp((0.5 * Math.Log(1 + v)) - (z * z * v / (2 * (1 + v)))));
    }

    /// <summary>The standard error behind a two-sided 95% Wald interval [lower, upper].</summary>
    public static double StandardErrorOf(double lower, double upper) => (upper - lower) / (2 * 1.959963984540054);
}
