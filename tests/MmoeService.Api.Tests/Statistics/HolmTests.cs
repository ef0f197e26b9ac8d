using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Api.Tests.Statistics;

[Trait("Kind", "Unit")]
public sealed class HolmTests
{
    [Fact]
    public void Adjust_FourPValues_StepsDownAndKeepsInputOrder()
    {
        // Sorted 0.005, 0.01, 0.03, 0.04 → 4×0.005 = 0.02, 3×0.01 = 0.03, 2×0.03 = 0.06, max(0.06, 1×0.04) = 0.06.
        var adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void Adjust_LargePValues_CapsAtOne()
    {
        Assert.Equal([1.0, 1.0], Holm.Adjust([0.6, 0.7]));
    }

    [Fact]
    public void Adjust_OnePValue_IsUnchanged()
    {
        Assert.Equal([0.2], Holm.Adjust([0.2]));
    }
}
