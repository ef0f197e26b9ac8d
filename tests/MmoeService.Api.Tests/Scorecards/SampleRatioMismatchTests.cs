using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>Reference: χ² by hand; p = erfc(√(χ²/2)) for 1 degree of freedom, e^(-χ²/2) for 2 (Python math).</summary>
[Trait("Kind", "Unit")]
public sealed class SampleRatioMismatchTests
{
    [Fact]
    public void Test_TwoArmsWithinNoise_NotFlagged()
    {
        // Expected 5100 each: χ² = 2·100²/5100.
        var result = SampleRatioMismatch.Test([("control", 50, 5000), ("treatment", 50, 5200)]);

        Close.Relative(3.9215686274509802, result.ChiSquare, 1e-14);
        Assert.Equal(1, result.DegreesOfFreedom);
        Close.Relative(0.04767038065616144, result.PValue, 1e-12);
        Assert.False(result.Mismatch);
    }

    [Fact]
    public void Test_TwoArmsEightPercentApart_Flagged()
    {
        var result = SampleRatioMismatch.Test([("control", 50, 5000), ("treatment", 50, 5400)]);

        Close.Relative(15.384615384615385, result.ChiSquare, 1e-14);
        Close.Relative(8.769942375590239e-05, result.PValue, 1e-12);
        Assert.True(result.Mismatch);
    }

    [Fact]
    public void Test_ThreeArmsUnequalWeights_UsesTwoDegreesOfFreedom()
    {
        // Expected 1500 / 750 / 750: χ² = 400/1500 + 900/750 + 100/750 = 1.6, p = e^-0.8.
        var result = SampleRatioMismatch.Test([("a", 50, 1480), ("b", 25, 780), ("c", 25, 740)]);

        Close.Relative(1.6, result.ChiSquare, 1e-14);
        Assert.Equal(2, result.DegreesOfFreedom);
        Close.Relative(0.44932896411722156, result.PValue, 1e-12);
        Assert.Equal(0.25, result.Arms[1].ExpectedShare);
        Assert.Equal(750, result.Arms[1].ExpectedUnits);
    }

    [Fact]
    public void Test_ThreeArmsSkewed_Flagged()
    {
        var result = SampleRatioMismatch.Test([("a", 50, 1950), ("b", 25, 1100), ("c", 25, 900)]);

        Close.Relative(20.88607594936709, result.ChiSquare, 1e-13);
        Close.Relative(2.9150515099166253e-05, result.PValue, 1e-12);
        Assert.True(result.Mismatch);
    }

    [Fact]
    public void Test_NoUnits_HasNoPValue()
    {
        var result = SampleRatioMismatch.Test([("control", 50, 0), ("treatment", 50, 0)]);

        Assert.Null(result.PValue);
        Assert.False(result.Mismatch);
    }

    [Fact]
    public void Test_ZeroWeightArmWithUnits_Flagged()
    {
        var result = SampleRatioMismatch.Test([("control", 100, 10), ("treatment", 0, 1)]);

        Assert.Equal(0, result.PValue);
        Assert.True(result.Mismatch);
    }
}
