using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Api.Tests.Statistics;

/// <summary>
/// Reference values from mpmath at 30 digits. With α = 0.05 the tuning constant is
/// a = -2 ln α + ln(1 - 2 ln α) = 5.991464547107979 + ln 6.991464547107979 = 7.936154601737565, so
/// ρ = √(a / N*) (N* = 10,000: ρ = 0.02817118137696317), nρ² = a·n / N*, and the boundary factor
/// w(n) = √((1 + 1/(nρ²))·(ln(1 + nρ²) - 2 ln α)). At n = N*: √((1 + 1/a)·(ln(1 + a) + 2 ln 20)) = 3.035208990376253;
/// at n = 4N*: 3.127114143687999; at n = N*/4: 3.264293371826405.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class ConfidenceSequenceTests
{
    private const double Alpha = 0.05;
    private const double Tuning = 10_000;

    [Fact]
    public void Rho_TenThousandTuningUnits_MatchesClosedForm()
    {
        Assert.Equal(0.02817118137696317, ConfidenceSequence.Rho(Tuning, Alpha), 14);
    }

    [Theory]
    [InlineData(1.0, 3.035208990376253)]
    [InlineData(4.0, 3.127114143687999)]
    [InlineData(0.25, 3.264293371826405)]
    public void HalfWidthFactor_MultipleOfTuningUnits_MatchesClosedForm(double multiple, double expected)
    {
        var rho = ConfidenceSequence.Rho(Tuning, Alpha);
        Assert.Equal(expected, ConfidenceSequence.HalfWidthFactor(multiple * Tuning, rho, Alpha), 12);
    }

    [Fact]
    public void HalfWidthFactor_AtTuningUnits_IsTheSmallestOverNearbyUnits()
    {
        // ρ is chosen so the boundary is (approximately) tightest at N*; neighbours a few percent away are wider.
        var rho = ConfidenceSequence.Rho(Tuning, Alpha);
        var atTuning = ConfidenceSequence.HalfWidthFactor(Tuning, rho, Alpha);
        Assert.True(ConfidenceSequence.HalfWidthFactor(Tuning * 0.5, rho, Alpha) > atTuning);
        Assert.True(ConfidenceSequence.HalfWidthFactor(Tuning * 2, rho, Alpha) > atTuning);
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(1_000.0)]
    [InlineData(10_000.0)]
    [InlineData(1_000_000.0)]
    public void Interval_SameEstimate_IsWiderThanFixedHorizon(double units)
    {
        var estimate = new Estimate(0.1, 0.0004);
        var rho = ConfidenceSequence.Rho(Tuning, Alpha);
        Assert.True(ConfidenceSequence.Interval(estimate, units, rho, Alpha).Width > FixedHorizon.Interval(estimate, Alpha).Width);
    }

    [Fact]
    public void Interval_StandardErrorShrinkingAsOneOverRootN_WidthFallsToZero()
    {
        // SE = σ/√n with σ = 1: the width 2·w(n)/√n falls at every step and is below 1e-3 by n = 10⁸.
        var rho = ConfidenceSequence.Rho(Tuning, Alpha);
        var previous = double.PositiveInfinity;
        foreach (var n in new[] { 10.0, 100, 1_000, 10_000, 100_000, 1e6, 1e7, 1e8 })
        {
            var width = ConfidenceSequence.Interval(new Estimate(0, 1 / n), n, rho, Alpha).Width;
            Assert.True(width < previous, $"width {width} at n = {n} is not below {previous}");
            previous = width;
        }

        Assert.True(previous < 1e-3);
    }

    [Fact]
    public void Interval_AtTuningUnits_IsEstimatePlusMinusKnownBoundary()
    {
        // SE = 0.02, so the half-width is 0.02 × 3.035208990376253 = 0.06070417980752506.
        var interval = ConfidenceSequence.Interval(new Estimate(0.1, 0.0004), Tuning, ConfidenceSequence.Rho(Tuning, Alpha), Alpha);
        Assert.Equal(0.1 - 0.06070417980752506, interval.Lower, 12);
        Assert.Equal(0.1 + 0.06070417980752506, interval.Upper, 12);
    }

    [Fact]
    public void PValue_ZOfThreeAtTuningUnits_MatchesMixtureMartingale()
    {
        // p = √(1 + a)·exp(-z²·a / (2(1 + a))) with z = 3, a = 7.936154601737565: 0.05494761454740481.
        var p = ConfidenceSequence.PValue(new Estimate(3, 1), Tuning, ConfidenceSequence.Rho(Tuning, Alpha));
        Assert.Equal(0.05494761454740481, p, 12);
    }

    [Theory]
    [InlineData(500.0)]
    [InlineData(10_000.0)]
    [InlineData(300_000.0)]
    public void PValue_EstimateOnTheBoundary_EqualsAlpha(double units)
    {
        var rho = ConfidenceSequence.Rho(Tuning, Alpha);
        var onBoundary = new Estimate(0.5 * ConfidenceSequence.HalfWidthFactor(units, rho, Alpha), 0.25);
        Assert.Equal(Alpha, ConfidenceSequence.PValue(onBoundary, units, rho), 12);
    }

    [Fact]
    public void PValue_SameEstimate_IsLargerThanFixedHorizon()
    {
        var estimate = new Estimate(2.5, 1);
        Assert.True(ConfidenceSequence.PValue(estimate, Tuning, ConfidenceSequence.Rho(Tuning, Alpha)) > FixedHorizon.PValue(estimate));
    }
}
