namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The paper's Fig. 4: training loss against steps, one line per model. The first steps of a run can be
/// orders of magnitude above the rest, so the y axis stops a little above the highest point reached after
/// the first tenth of the steps; the lines still start at step 1.
/// </summary>
public static class LossCurveChart
{
    public static void Save(string path, string title, IReadOnlyList<ChartSeries> series, string yLabel = "training loss (mean over runs)")
    {
        ArgumentNullException.ThrowIfNull(series);
        using var plot = ChartStyle.Create(title, "steps", yLabel);
        var top = double.NegativeInfinity;
        var bottom = double.PositiveInfinity;
        for (var i = 0; i < series.Count; i++)
        {
            var line = plot.Add.ScatterLine(series[i].X.ToArray(), series[i].Y.ToArray(), ChartStyle.ColorOf(i));
            line.LegendText = series[i].Label;
            line.LineWidth = 2;
            var tail = series[i].Y.Skip(series[i].Y.Count / 10).Where(double.IsFinite).ToArray();
            if (tail.Length > 0)
            {
                top = Math.Max(top, tail.Max());
                bottom = Math.Min(bottom, tail.Min());
            }
        }

        if (double.IsFinite(top) && double.IsFinite(bottom))
        {
            var margin = Math.Max((top - bottom) * 0.1, 1e-6);
            plot.Axes.AutoScaleX();
            plot.Axes.SetLimitsY(Math.Max(0, bottom - margin), top + margin);
        }

        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        ChartStyle.Save(plot, path);
    }

    /// <summary>Centred moving average over <paramref name="window"/> points (shrinking at the ends), to see the trend of noisy step losses.</summary>
    public static double[] Smooth(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        var half = Math.Max(0, window / 2);
        var result = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var from = Math.Max(0, i - half);
            var to = Math.Min(values.Count - 1, i + half);
            double sum = 0;
            for (var j = from; j <= to; j++)
            {
                sum += values[j];
            }

            result[i] = sum / (to - from + 1);
        }

        return result;
    }
}
