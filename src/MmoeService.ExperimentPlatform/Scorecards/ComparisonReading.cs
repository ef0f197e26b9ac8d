using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// One task of one treatment arm against control, read every way the scorecard shows: fixed-horizon (the Wald
/// <see cref="LiftEstimate"/>), always-valid on the absolute and relative lift (<see cref="SequentialTest"/>), and
/// CUPED-adjusted when both arms carry pre-period sums. Holm's adjusted p-values are set by the calculator, which
/// sees the whole family.
/// </summary>
internal sealed class ComparisonReading
{
    private ComparisonReading(
        LiftEstimate fixedHorizon, SequentialReading? absolute, SequentialReading? relative, long units, double? controlRate, CupedLift? cuped)
    {
        FixedHorizon = fixedHorizon;
        AlwaysValid = absolute;
        Relative = relative;
        Units = units;
        ControlRate = controlRate;
        Cuped = cuped;
    }

    public LiftEstimate FixedHorizon { get; }

    /// <summary>The absolute lift read both ways; null with too few units or no labeled impression.</summary>
    public SequentialReading? AlwaysValid { get; }

    public SequentialReading? Relative { get; }

    public long Units { get; }

    public double? ControlRate { get; }

    public CupedLift? Cuped { get; }

    public double? AdjustedAlwaysValidPValue { get; set; }

    public double? AdjustedFixedPValue { get; set; }

    public static ComparisonReading Of(TaskObservations control, TaskObservations treatment, SequentialDesign design, bool plannedReached = false)
    {
        var fixedHorizon = DeltaMethod.Lift(DeltaMethod.Ratio(control.ByUnit), DeltaMethod.Ratio(treatment.ByUnit));
        var c = Sums(control.ByUnit);
        var t = Sums(treatment.ByUnit);
        var units = control.ByUnit.Units + treatment.ByUnit.Units;
        var absolute = RatioLift.Of(c, t, LiftScale.Absolute);
        var relative = RatioLift.Of(c, t, LiftScale.Relative);
        return new ComparisonReading(
            fixedHorizon,
            absolute is null ? null : SequentialTest.Read(absolute, units, design),
            relative is null ? null : SequentialTest.Read(relative, units, design),
            units,
            RatioLift.Ratio(c)?.Value,
            CupedOf(control, treatment, c, t, units, design, plannedReached));
    }

    public TaskLift ToLift(string task, bool plannedReached, bool holm)
    {
        var a = AlwaysValid;
        var r = Relative;
        double? pAlwaysValid = holm ? AdjustedAlwaysValidPValue : a?.AlwaysValidPValue;
        double? pFixed = holm ? AdjustedFixedPValue : a?.FixedPValue;
        var verdict = ScorecardVerdict.Of(a?.Value, plannedReached ? pFixed : pAlwaysValid, ScorecardCalculator.Alpha);
        var relativeOf = (double? absoluteEffect) => ControlRate is > 0 && absoluteEffect is { } e ? e / ControlRate : null;
        return new TaskLift(
            task,
            FixedHorizon,
            new AlwaysValidLift(
                a?.AlwaysValidInterval.Lower, a?.AlwaysValidInterval.Upper, r?.AlwaysValidInterval.Lower, r?.AlwaysValidInterval.Upper,
                a?.AlwaysValidPValue, holm ? AdjustedAlwaysValidPValue : null, Units, pAlwaysValid <= ScorecardCalculator.Alpha),
            new DetectableEffect(
                a?.FixedMinimumDetectableEffect, relativeOf(a?.FixedMinimumDetectableEffect),
                a?.AlwaysValidMinimumDetectableEffect, relativeOf(a?.AlwaysValidMinimumDetectableEffect)),
            verdict,
            plannedReached ? ScorecardVerdict.FixedHorizonBasis : ScorecardVerdict.AlwaysValidBasis,
            Cuped);
    }

    private static CupedLift? CupedOf(
        TaskObservations control, TaskObservations treatment, RatioSums c, RatioSums t, long units, SequentialDesign design, bool plannedReached)
    {
        // Without a single unit with pre-period labels there is nothing to adjust by: no CUPED reading at all.
        if (control.Covariates is not { } pc || treatment.Covariates is not { } pt || units <= 0 || pc.SumMissing + pt.SumMissing >= units)
        {
            return null;
        }

        var cc = Covariates(c, pc);
        var ct = Covariates(t, pt);
        var absolute = Statistics.Cuped.Compare(cc, ct, LiftScale.Absolute);
        if (absolute is null)
        {
            return null;
        }

        var relative = Statistics.Cuped.Compare(cc, ct, LiftScale.Relative);
        var adjusted = SequentialTest.Read(absolute.Adjusted, units, design);
        var adjustedRelative = relative is null ? null : SequentialTest.Read(relative.Adjusted, units, design);
        return new CupedLift(
            absolute.Raw.Value,
            absolute.Raw.StandardError,
            adjusted.Value,
            adjusted.StandardError,
            adjusted.AlwaysValidInterval.Lower,
            adjusted.AlwaysValidInterval.Upper,
            adjustedRelative?.Value,
            adjustedRelative?.AlwaysValidInterval.Lower,
            adjustedRelative?.AlwaysValidInterval.Upper,
            adjusted.AlwaysValidPValue,
            absolute.VarianceReduction,
            absolute.ThetaCovariate,
            absolute.ThetaMissing,
            1 - ((pc.SumMissing + pt.SumMissing) / units),
            ScorecardVerdict.Of(adjusted.Value, plannedReached ? adjusted.FixedPValue : adjusted.AlwaysValidPValue, ScorecardCalculator.Alpha));
    }

    private static RatioSums Sums(UnitMoments m) => new(m.Units, m.SumY, m.SumN, m.SumYY, m.SumNN, m.SumYN);

    private static CovariateSums Covariates(RatioSums metric, PreperiodSums p) =>
        new(metric, p.SumX, p.SumXX, p.SumXY, p.SumXN, p.SumMissing, p.SumMissingY, p.SumMissingN);
}
