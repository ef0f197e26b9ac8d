using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Api.Tests.Statistics;

/// <summary>Reference values from mpmath: Φ⁻¹(p) = √2·erfinv(2p - 1), P(|Z| ≥ z) = erfc(z/√2).</summary>
[Trait("Kind", "Unit")]
public sealed class FixedHorizonTests
{
    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.8, 0.8416212335729142)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.5, 0.0)]
    public void NormalQuantile_Probability_MatchesReference(double p, double expected)
    {
        Assert.Equal(expected, NormalQuantile.Of(p), 13);
    }

    [Fact]
    public void PValue_ZOfOnePointNineSix_IsJustBelowFivePercent()
    {
        Assert.Equal(0.04999579029644087, FixedHorizon.PValue(new Estimate(1.96, 1)), 14);
    }

    [Fact]
    public void Interval_StandardErrorTwo_IsEstimatePlusMinusTwoZ()
    {
        var interval = FixedHorizon.Interval(new Estimate(1, 4), 0.05);
        Assert.Equal(1 - 2 * 1.959963984540054, interval.Lower, 12);
        Assert.Equal(1 + 2 * 1.959963984540054, interval.Upper, 12);
    }

    [Fact]
    public void MinimumDetectableEffect_FixedHorizon_IsZSumTimesStandardError()
    {
        // (z(0.975) + z(0.8))·SE = (1.959963984540054 + 0.8416212335729142) × 0.01.
        Assert.Equal(0.02801585218112968, MinimumDetectableEffect.FixedHorizon(0.01, 0.05, 0.8), 13);
    }

    [Fact]
    public void MinimumDetectableEffect_AlwaysValidAtTuningUnits_UsesBoundaryFactor()
    {
        // (w(N*) + z(0.8))·SE = (3.035208990376253 + 0.8416212335729142) × 0.01.
        var rho = ConfidenceSequence.Rho(10_000, 0.05);
        Assert.Equal(0.03876830223949167, MinimumDetectableEffect.AlwaysValid(0.01, 10_000, rho, 0.05, 0.8), 12);
    }

    [Fact]
    public void MinimumDetectableEffect_AlwaysValid_IsLargerThanFixedHorizon()
    {
        var rho = ConfidenceSequence.Rho(10_000, 0.05);
        Assert.True(MinimumDetectableEffect.AlwaysValid(0.01, 2_000, rho, 0.05, 0.8) > MinimumDetectableEffect.FixedHorizon(0.01, 0.05, 0.8));
    }

    [Fact]
    public void SequentialTest_Read_ReportsBothIntervalsAroundTheEstimate()
    {
        var reading = SequentialTest.Read(new Estimate(0.03, 0.0001), 10_000, new SequentialDesign(10_000));
        Assert.True(reading.AlwaysValidInterval.Lower < reading.FixedInterval.Lower);
        Assert.True(reading.AlwaysValidInterval.Upper > reading.FixedInterval.Upper);
        Assert.True(reading.FixedPValue < 0.05);
        Assert.True(reading.AlwaysValidPValue > 0.05);
    }
}
