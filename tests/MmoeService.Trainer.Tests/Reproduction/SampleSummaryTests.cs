using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class SampleSummaryTests
{
    [Fact]
    public void Of_KnownValues_GivesMeanMedianExtremesAndSampleStd()
    {
        var summary = SampleSummary.Of([4, 1, 3, 2]);

        Assert.Equal(4, summary.Count);
        Assert.Equal(2.5, summary.Mean, 12);
        Assert.Equal(2.5, summary.Median, 12);
        Assert.Equal(1, summary.Min);
        Assert.Equal(4, summary.Max);
        Assert.Equal(Math.Sqrt(5.0 / 3), summary.Std, 12);
    }

    [Fact]
    public void Of_NaNsAndSingleValue_IgnoresNaNAndHasZeroStd()
    {
        var summary = SampleSummary.Of([double.NaN, 7]);

        Assert.Equal(1, summary.Count);
        Assert.Equal(7, summary.Median);
        Assert.Equal(0, summary.Std);
    }

    [Fact]
    public void Pearson_LinearAndAntiLinear_IsPlusMinusOne()
    {
        float[] x = [1, 2, 3, 4];

        Assert.Equal(1, SampleSummary.Pearson(x, [3, 5, 7, 9]), 6);
        Assert.Equal(-1, SampleSummary.Pearson(x, [4, 3, 2, 1]), 6);
        Assert.True(double.IsNaN(SampleSummary.Pearson(x, [2, 2, 2, 2])));
    }
}
