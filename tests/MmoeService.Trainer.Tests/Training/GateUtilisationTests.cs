using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Tests.Training;

public sealed class GateUtilisationTests
{
    [Fact]
    public void Compute_OneHotRowsOnTwoExperts_ArePolarisedButUseTwo()
    {
        float[] gates = [1, 0, 0, 1, 1, 0, 0, 1];

        var stats = GateStatisticsCalculator.Compute(gates, 2);

        Assert.Equal(1, stats.Polarisation);
        Assert.Equal(2, stats.EffectiveExperts!.Value, 9);
        Assert.Equal([0.5, 0.5], stats.TopShares);
        Assert.Equal(0, stats.MeanEntropy);
    }

    [Fact]
    public void Compute_UniformRows_AreUnpolarisedAndUseAll()
    {
        float[] gates = [0.25f, 0.25f, 0.25f, 0.25f];

        var stats = GateStatisticsCalculator.Compute(gates, 4);

        Assert.Equal(0.25, stats.Polarisation!.Value, 6);
        Assert.Equal(4, stats.EffectiveExperts!.Value, 5);
        Assert.Equal(Math.Log(4), stats.MeanEntropy, 5);
    }

    [Fact]
    public void Compute_CollapsedGate_UsesOneExpert()
    {
        float[] gates = [0.9f, 0.05f, 0.05f, 0.9f, 0.05f, 0.05f];

        var stats = GateStatisticsCalculator.Compute(gates, 3);

        Assert.Equal([1.0, 0, 0], stats.TopShares);
        Assert.InRange(stats.EffectiveExperts!.Value, 1, 1.5);
    }
}
