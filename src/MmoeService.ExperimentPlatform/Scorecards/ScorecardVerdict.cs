namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>The words of a verdict and the rule that picks one.</summary>
public static class ScorecardVerdict
{
    public const string Better = "better";
    public const string Worse = "worse";
    public const string NoDifferenceYet = "no detectable difference yet";
    public const string NotEnoughData = "not enough data";
    public const string AlwaysValidBasis = "always-valid";
    public const string FixedHorizonBasis = "fixed-horizon";

    /// <summary>Better or worse when <paramref name="pValue"/> is at most α, by the sign of the difference.</summary>
    public static string Of(double? difference, double? pValue, double alpha) => difference is not { } d || pValue is not { } p
        ? NotEnoughData
        : p <= alpha ? (d > 0 ? Better : d < 0 ? Worse : NoDifferenceYet) : NoDifferenceYet;
}
