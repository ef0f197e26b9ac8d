using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>
/// Reference values from Python, through the equivalent linearised form of the delta method: with
/// z_i = (y_i - R·n_i) / n̄ per unit, Var(R) = s²_z / K. Control units (y, n): (1,3) (0,2) (2,4) (1,1) (0,5) (3,6);
/// treatment: (2,3) (1,2) (2,2) (0,1) (1,5) (4,6) (1,1).
/// </summary>
[Trait("Kind", "Unit")]
public sealed class DeltaMethodTests
{
    private static readonly UnitMoments Control = new(6, SumY: 7, SumN: 21, SumYY: 15, SumNN: 91, SumYN: 30);
    private static readonly UnitMoments Treatment = new(7, SumY: 11, SumN: 20, SumYY: 27, SumNN: 80, SumYN: 42);

    [Fact]
    public void Ratio_SmallClusteredSample_MatchesLinearisedVariance()
    {
        var estimate = DeltaMethod.Ratio(Control);

        Assert.NotNull(estimate);
        Close.Relative(1.0 / 3, estimate.Ratio, 1e-15);
        Close.Relative(0.013907785336356763, estimate.Variance, 1e-12);
        Close.Relative(0.014583333333333332, DeltaMethod.Ratio(Treatment)!.Variance, 1e-12);
    }

    [Fact]
    public void Ratio_OneUnit_IsNull() => Assert.Null(DeltaMethod.Ratio(new UnitMoments(1, 1, 3, 1, 9, 3)));

    [Fact]
    public void Ratio_EveryUnitAtTheSameRate_HasZeroVariance()
    {
        // Units (1,2) (2,4) (3,6): y = n/2 exactly, so the linearised values are all 0.
        var estimate = DeltaMethod.Ratio(new UnitMoments(3, 6, 12, 14, 56, 28));

        Assert.Equal(0.5, estimate!.Ratio);
        Assert.Equal(0, estimate.Variance, 15);
    }

    [Fact]
    public void Lift_SmallClusteredSample_MatchesReference()
    {
        var lift = DeltaMethod.Lift(DeltaMethod.Ratio(Control), DeltaMethod.Ratio(Treatment));

        Close.Relative(0.21666666666666673, lift.Absolute, 1e-13);
        Close.Relative(-0.11416177697916624, lift.AbsoluteLower, 1e-12);
        Close.Relative(0.5474951103124996, lift.AbsoluteUpper, 1e-12);
        Close.Relative(0.65, lift.Relative, 1e-13);
        Close.Relative(-0.6965758648387079, lift.RelativeLower, 1e-12);
        Close.Relative(1.9965758648387082, lift.RelativeUpper, 1e-12);
        Close.Relative(0.19927404204511737, lift.PValue, 1e-12);
        Assert.False(lift.Significant);
    }

    [Fact]
    public void Lift_LargeDifference_IsSignificant()
    {
        // Same within-arm spread, 100x the units: the standard error shrinks by 10.
        static UnitMoments Scale(UnitMoments m, int f) => new(m.Units * f, m.SumY * f, m.SumN * f, m.SumYY * f, m.SumNN * f, m.SumYN * f);
        var lift = DeltaMethod.Lift(DeltaMethod.Ratio(Scale(Control, 100)), DeltaMethod.Ratio(Scale(Treatment, 100)));

        Assert.True(lift.Significant);
        Assert.True(lift.AbsoluteLower > 0);
        Assert.True(lift.PValue < 1e-6);
    }

    [Fact]
    public void Lift_MissingSide_HasNoInterval()
    {
        var lift = DeltaMethod.Lift(DeltaMethod.Ratio(Control), null);

        Close.Relative(1.0 / 3, lift.Control, 1e-15);
        Assert.Null(lift.Absolute);
        Assert.Null(lift.PValue);
        Assert.False(lift.Significant);
    }

    [Fact]
    public void Rate_ControlArm_IntervalIsValuePlusMinusZ975StandardErrors()
    {
        var rate = DeltaMethod.Rate(new TaskOutcomes(7, 21, 5.0, 30), Control);

        Close.Relative(1.0 / 3, rate.Value, 1e-15);
        Close.Relative(0.11793127378416958, rate.StandardError, 1e-12);
        Close.Relative(0.1021922840654283, rate.Lower, 1e-12);
        Close.Relative(0.5644743826012384, rate.Upper, 1e-12);
    }
}
