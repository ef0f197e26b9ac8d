namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The paper's Fig. 5 (trainability): how the final loss of repeated runs is distributed, per model.
/// All models share the same bins so their spreads compare directly; within a bin the models stand side by side.
/// </summary>
public static class LossHistogramChart
{
    public const int DefaultBins = 20;

    public static void Save(string path, string title, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> samples, int bins = DefaultBins, string xLabel = "final test loss")
    {
        ArgumentNullException.ThrowIfNull(samples);
        using var plot = ChartStyle.Create(title, xLabel, "runs");
        var all = samples.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        if (all.Length > 0)
        {
            var (edges, counts) = Bin(samples.Select(s => s.Values).ToArray(), bins, all.Min(), all.Max());
            var binWidth = edges[1] - edges[0];
            var barWidth = binWidth * 0.9 / samples.Count;
            for (var s = 0; s < samples.Count; s++)
            {
                var bars = new List<ScottPlot.Bar>();
                for (var b = 0; b < counts[s].Length; b++)
                {
                    bars.Add(new ScottPlot.Bar
                    {
                        Position = edges[b] + (binWidth * 0.05) + (barWidth * (s + 0.5)),
                        Value = counts[s][b],
                        Size = barWidth,
                        FillColor = ChartStyle.ColorOf(s),
                        LineWidth = 0,
                    });
                }

                var plottable = plot.Add.Bars(bars);
                plottable.LegendText = samples[s].Label;
            }

            plot.Axes.Margins(bottom: 0);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        ChartStyle.Save(plot, path);
    }

    /// <summary>
    /// Counts every sample into <paramref name="bins"/> equal bins over [min, max] (max falls in the last bin).
    /// Returns the bins + 1 edges and per sample the counts.
    /// </summary>
    public static (double[] Edges, int[][] Counts) Bin(IReadOnlyList<IReadOnlyList<double>> samples, int bins, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (max <= min)
        {
            // All runs ended at one value: give the single bar a visible width.
            var pad = Math.Max(Math.Abs(min) * 0.01, 1e-6);
            (min, max) = (min - pad, max + pad);
        }

        var width = (max - min) / bins;
        var edges = Enumerable.Range(0, bins + 1).Select(i => min + (i * width)).ToArray();
        var counts = samples.Select(sample =>
        {
            var c = new int[bins];
            foreach (var v in sample.Where(double.IsFinite))
            {
                c[Math.Clamp((int)((v - min) / width), 0, bins - 1)]++;
            }

            return c;
        }).ToArray();
        return (edges, counts);
    }
}
