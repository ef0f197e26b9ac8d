using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Api.Tests.Statistics;

/// <summary>
/// CUPED against a direct least-squares fit computed here: with equal arms and n = 1 per unit, the pooled θ is the
/// common slope of y ~ 1 + treatment + x + m (m = 1 where the unit has no pre-period value, x then 0) and the
/// adjusted difference is that regression's treatment coefficient. The regression is solved from its normal
/// equations XᵀXβ = Xᵀy by Gaussian elimination.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class CupedTests
{
    // (y, pre-period x or null). Six units per arm; two without pre-period data in each arm.
    private static readonly (double Y, double? X)[] Control = [(3, 2), (5, 4), (1, 1), (4, null), (6, 5), (2, null)];
    private static readonly (double Y, double? X)[] Treatment = [(4, 2), (7, 5), (2, 1), (5, null), (3, 3), (6, null)];

    [Fact]
    public void Compare_MeanMetricEqualArms_MatchesRegressionCoefficients()
    {
        var result = Cuped.Compare(Sums(Control, n: 1), Sums(Treatment, n: 1), LiftScale.Absolute)!;
        var beta = Regression(Control, Treatment);
        Assert.Equal(beta[1], result.Adjusted.Value, 10);
        Assert.Equal(beta[2], result.ThetaCovariate, 10);
        Assert.Equal(beta[3], result.ThetaMissing, 10);
    }

    [Fact]
    public void Compare_EveryUnitHasPrePeriod_MatchesRegressionWithoutIndicator()
    {
        var control = Control.Where(u => u.X is not null).ToArray();
        var treatment = Treatment.Where(u => u.X is not null).ToArray();
        var result = Cuped.Compare(Sums(control, n: 1), Sums(treatment, n: 1), LiftScale.Absolute)!;
        var beta = Regression(control, treatment, withIndicator: false);
        Assert.Equal(beta[1], result.Adjusted.Value, 10);
        Assert.Equal(beta[2], result.ThetaCovariate, 10);
        Assert.Equal(0, result.ThetaMissing);
    }

    [Fact]
    public void Compare_RatioMetric_VarianceIsResidualInfluenceVariance()
    {
        // Var(Δ_cv) = Σ_arms Var(u - θx·x - θm·m) / K with u = (y - R·n)/n̄ per arm.
        int[] n = [2, 3, 1, 4, 2, 3];
        var result = Cuped.Compare(Sums(Control, n), Sums(Treatment, n), LiftScale.Absolute)!;
        var expected = ResidualVariance(Control, n, result) + ResidualVariance(Treatment, n, result);
        Assert.Equal(expected, result.Adjusted.Variance, 12);
        Assert.Equal(1 - result.Adjusted.Variance / result.Raw.Variance, result.VarianceReduction!.Value, 12);
    }

    [Fact]
    public void Compare_RawRelative_EqualsRatioLift()
    {
        int[] n = [2, 3, 1, 4, 2, 3];
        var result = Cuped.Compare(Sums(Control, n), Sums(Treatment, n), LiftScale.Relative)!;
        var lift = RatioLift.Of(Sums(Control, n).Metric, Sums(Treatment, n).Metric, LiftScale.Relative)!;
        Assert.Equal(lift.Value, result.Raw.Value, 12);
        Assert.Equal(lift.Variance, result.Raw.Variance, 12);
    }

    [Fact]
    public void Compare_CorrelatedCovariate_ReducesVariance()
    {
        var result = Cuped.Compare(Sums(Control, n: 1), Sums(Treatment, n: 1), LiftScale.Absolute)!;
        Assert.True(result.VarianceReduction > 0.3, $"variance reduction {result.VarianceReduction}");
    }

    private static CovariateSums Sums((double Y, double? X)[] units, int n) => Sums(units, Enumerable.Repeat(n, units.Length).ToArray());

    private static CovariateSums Sums((double Y, double? X)[] units, int[] n) =>
        units.Select((u, i) => (u, i)).Aggregate(CovariateSums.Empty, (s, p) => s.Add(p.u.Y, n[p.i], p.u.X));

    private static double ResidualVariance((double Y, double? X)[] units, int[] n, CupedComparison result)
    {
        var r = units.Sum(u => u.Y) / n.Take(units.Length).Sum();
        var meanN = n.Take(units.Length).Average();
        var residual = units.Select((u, i) => (u.Y - r * n[i]) / meanN - result.ThetaCovariate * (u.X ?? 0) - result.ThetaMissing * (u.X is null ? 1 : 0)).ToArray();
        var mean = residual.Average();
        return residual.Sum(v => (v - mean) * (v - mean)) / (units.Length - 1) / units.Length;
    }

    // β of y ~ 1 + treatment + x (+ m), from the normal equations.
    internal static double[] Regression((double Y, double? X)[] control, (double Y, double? X)[] treatment, bool withIndicator = true)
    {
        var rows = control.Select(u => (u, t: 0.0)).Concat(treatment.Select(u => (u, t: 1.0)))
            .Select(p => (Row: withIndicator
                ? new[] { 1, p.t, p.u.X ?? 0, p.u.X is null ? 1 : 0 }
                : new[] { 1, p.t, p.u.X ?? 0 }, p.u.Y))
            .ToArray();
        var k = rows[0].Row.Length;
        var a = new double[k, k + 1];
        foreach (var (row, y) in rows)
        {
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    a[i, j] += row[i] * row[j];
                }

                a[i, k] += row[i] * y;
            }
        }

        for (var col = 0; col < k; col++)
        {
            var pivot = Enumerable.Range(col, k - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var j = 0; j <= k; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (var r = 0; r < k; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var factor = a[r, col] / a[col, col];
                for (var j = col; j <= k; j++)
                {
                    a[r, j] -= factor * a[col, j];
                }
            }
        }

        return Enumerable.Range(0, k).Select(i => a[i, k] / a[i, i]).ToArray();
    }
}
