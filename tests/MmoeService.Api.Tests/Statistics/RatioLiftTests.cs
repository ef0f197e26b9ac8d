using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Api.Tests.Statistics;

[Trait("Kind", "Unit")]
public sealed class RatioLiftTests
{
    private static readonly (double Y, double N)[] Control = [(1, 2), (0, 3), (2, 4), (1, 1)];
    private static readonly (double Y, double N)[] Treatment = [(2, 3), (1, 1), (3, 5), (0, 2), (1, 2)];

    [Fact]
    public void Ratio_FourUnits_EqualsVarianceOfUnitInfluenceOverK()
    {
        // R = 4/10; u = (y - R·n)/n̄ with n̄ = 2.5: (0.2, -1.2, 0.16, 0.6)/2.5 scaled; Var(R) = Var(u)/K.
        var estimate = RatioLift.Ratio(Sums(Control))!;
        Assert.Equal(0.4, estimate.Value, 14);
        Assert.Equal(InfluenceVariance(Control), estimate.Variance, 14);
    }

    [Fact]
    public void Of_Relative_LinearisesTheRatioOfRatios()
    {
        var c = RatioLift.Ratio(Sums(Control))!;
        var t = RatioLift.Ratio(Sums(Treatment))!;
        var lift = RatioLift.Of(Sums(Control), Sums(Treatment), LiftScale.Relative)!;
        Assert.Equal(t.Value / c.Value - 1, lift.Value, 14);
        Assert.Equal(t.Variance / (c.Value * c.Value) + t.Value * t.Value * c.Variance / Math.Pow(c.Value, 4), lift.Variance, 14);
    }

    [Fact]
    public void Of_OneUnitArm_IsNull()
    {
        Assert.Null(RatioLift.Of(RatioSums.Empty.Add(1, 2), Sums(Treatment), LiftScale.Absolute));
    }

    [Fact]
    public void Sums_AddedInTwoParts_EqualSumsAddedAtOnce()
    {
        Assert.Equal(Sums(Control.Concat(Treatment)), Sums(Control) + Sums(Treatment));
    }

    internal static RatioSums Sums(IEnumerable<(double Y, double N)> units) => units.Aggregate(RatioSums.Empty, (s, u) => s.Add(u.Y, u.N));

    private static double InfluenceVariance((double Y, double N)[] units)
    {
        var r = units.Sum(u => u.Y) / units.Sum(u => u.N);
        var meanN = units.Average(u => u.N);
        var influence = units.Select(u => (u.Y - r * u.N) / meanN).ToArray();
        var mean = influence.Average();
        return influence.Sum(v => (v - mean) * (v - mean)) / (units.Length - 1) / units.Length;
    }
}
