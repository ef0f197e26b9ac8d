using ScottPlot;
using SkiaSharp;

namespace MmoeService.Calibration;

/// <summary>The two report plots. A sans font from the machine when there is one; without, ScottPlot still draws the data.</summary>
public static class Charts
{
    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"];

    public static void Peeking(CalibrationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var plot = Create("A/A experiments that have declared a difference (CTR)", "users seen", "share of experiments");
        var users = report.PeekingByLook.Select((_, i) => (double)Math.Min((i + 1) * report.Options.LookEvery, report.Options.UsersPerExperiment)).ToArray();
        Line(plot, users, [.. report.PeekingByLook], "fixed-horizon read at every look", 0);
        Line(plot, users, [.. report.AlwaysValidByLook], "always-valid at every look", 1);
        var nominal = plot.Add.HorizontalLine(report.Options.Alpha);
        nominal.LinePattern = LinePattern.Dashed;
        nominal.LegendText = "α";
        plot.Axes.SetLimitsY(0, Math.Max(0.1, report.PeekingByLook.DefaultIfEmpty(0).Max() * 1.1));
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 800, 500);
    }

    public static void Power(CalibrationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var plot = Create($"Power at true lift {report.Options.TrueLift:P0} (CTR, fixed horizon)", "log10(users per experiment)", "power");
        var x = report.Power.Select(p => Math.Log10(p.Users)).ToArray();
        Line(plot, x, report.Power.Select(p => p.Raw).ToArray(), "A/B raw", 0);
        Line(plot, x, report.Power.Select(p => p.Cuped).ToArray(), "A/B CUPED", 1);
        Line(plot, x, report.Power.Select(p => p.Interleaving).ToArray(), "interleaving (share preferring)", 2);
        var target = plot.Add.HorizontalLine(0.8);
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = "80%";
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 800, 500);
    }

    private static void Line(Plot plot, double[] x, double[] y, string label, int colour)
    {
        var line = plot.Add.ScatterLine(x, y, new ScottPlot.Palettes.Category10().GetColor(colour));
        line.LegendText = label;
        line.LineWidth = 2;
    }

    private static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        var families = SKFontManager.Default.GetFontFamilies();
        if (PreferredFonts.FirstOrDefault(f => families.Contains(f, StringComparer.OrdinalIgnoreCase)) is { } font)
        {
            plot.Font.Set(font);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }
}
