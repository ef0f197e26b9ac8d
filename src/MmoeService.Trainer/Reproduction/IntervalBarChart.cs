namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Bar chart with intervals for the census table: one bar per model at its mean AUC with ± std error
/// bars, a black dot at its best run and a red dash at the paper's mean. AUCs of different models differ
/// in the third decimal, so the y axis is zoomed to the data rather than starting at 0.
/// </summary>
public static class IntervalBarChart
{
    public static void Save(string path, string title, string yLabel, IReadOnlyList<IntervalBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        using var plot = ChartStyle.Create(title, string.Empty, yLabel);
        var values = new List<double>();
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var std = double.IsFinite(bar.Std) ? bar.Std : 0;
            var plottable = plot.Add.Bar(new ScottPlot.Bar
            {
                Position = i,
                Value = bar.Mean,
                Error = std,
                Size = 0.6,
                FillColor = ChartStyle.ColorOf(i),

                // The error whiskers are drawn with the bar's line style, so the outline must stay visible.
                LineWidth = 1.5f,
                LineColor = ScottPlot.Colors.Black,
                ErrorSize = 0.25,
            });
            plottable.LegendText = string.Empty;
            values.AddRange([bar.Mean - std, bar.Mean + std, bar.Best]);
            var best = plot.Add.ScatterPoints(new[] { (double)i }, new[] { bar.Best }, ScottPlot.Colors.Black);
            best.MarkerSize = 9;
            best.LegendText = i == 0 ? "best run" : string.Empty;
            if (bar.Reference is { } reference)
            {
                var paper = plot.Add.Line(i - 0.35, reference, i + 0.35, reference);
                paper.LineColor = ScottPlot.Colors.Red;
                paper.LineWidth = 3;
                paper.LegendText = i == 0 ? "paper mean" : string.Empty;
                values.Add(reference);
            }
        }

        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length > 0)
        {
            var (low, high) = (finite.Min(), finite.Max());
            var margin = Math.Max((high - low) * 0.25, 0.002);
            plot.Axes.SetLimitsY(low - margin, high + margin);
        }

        plot.Axes.SetLimitsX(-0.6, bars.Count - 0.4);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(),
            bars.Select(b => b.Label).ToArray());
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        ChartStyle.Save(plot, path);
    }
}
