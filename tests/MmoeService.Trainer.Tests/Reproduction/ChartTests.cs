using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class ChartTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mmoe-charts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void LossCurveChart_ThreeModels_WritesPng()
    {
        var steps = Enumerable.Range(1, 50).Select(s => (double)s).ToArray();
        var path = Path.Combine(folder, "loss.png");

        LossCurveChart.Save(path, "loss", [
            new ChartSeries("MMoE", steps, steps.Select(s => 10 / s).ToArray()),
            new ChartSeries("OMoE", steps, steps.Select(s => 12 / s).ToArray()),
            new ChartSeries("Shared-Bottom", steps, steps.Select(s => 14 / s).ToArray()),
        ]);

        AssertPng(path);
    }

    [Fact]
    public void LossHistogramChart_Samples_WritesPng()
    {
        var path = Path.Combine(folder, "histogram.png");

        LossHistogramChart.Save(path, "final loss", [("MMoE", [1.0, 1.1, 1.2]), ("Shared-Bottom", [1.0, 2.0, 3.0])]);

        AssertPng(path);
    }

    [Fact]
    public void LossHistogramChart_AllEqual_StillWritesPng()
    {
        var path = Path.Combine(folder, "flat.png");

        LossHistogramChart.Save(path, "flat", [("MMoE", [2.0, 2.0])]);

        AssertPng(path);
    }

    [Fact]
    public void IntervalBarChart_BarsWithReference_WritesPng()
    {
        var path = Path.Combine(folder, "sub", "bars.png");

        IntervalBarChart.Save(path, "AUC", "AUC", [
            new IntervalBar("MMoE", 0.93, 0.002, 0.935, 0.9359),
            new IntervalBar("Single-task", 0.92, 0.003, 0.925, null),
        ]);

        AssertPng(path);
    }

    [Fact]
    public void Bin_EdgeValues_EachCountedOnce()
    {
        var (edges, counts) = LossHistogramChart.Bin([[0.0, 0.5, 1.0], [1.0]], 2, 0, 1);

        Assert.Equal([0.0, 0.5, 1.0], edges);
        Assert.Equal([1, 2], counts[0]);
        Assert.Equal([0, 1], counts[1]);
    }

    [Fact]
    public void Smooth_Window3_AveragesNeighboursAndShrinksAtEnds() =>
        Assert.Equal([1.5, 2, 3, 3.5], LossCurveChart.Smooth([1, 2, 3, 4], 3));

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes.");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }
}
