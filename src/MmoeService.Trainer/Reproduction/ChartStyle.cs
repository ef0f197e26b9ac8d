using ScottPlot;
using SkiaSharp;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Look shared by every reproduction chart: one colour per model (the same model has the same colour in
/// every picture) and a sans font that exists on the machine. Debian's fonts-dejavu is the usual one;
/// without any font ScottPlot still renders the data, only the text is missing.
/// </summary>
public static class ChartStyle
{
    public const int Width = 800;
    public const int Height = 500;

    private static readonly string[] PreferredFonts = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"];

    private static readonly Lazy<string?> InstalledFont = new(() =>
    {
        var families = SKFontManager.Default.GetFontFamilies();
        return PreferredFonts.FirstOrDefault(f => families.Contains(f, StringComparer.OrdinalIgnoreCase));
    });

    /// <summary>Colour of the model at <paramref name="index"/> in the study's model order.</summary>
    public static Color ColorOf(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>A plot with the shared font and title.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (InstalledFont.Value is { } font)
        {
            plot.Font.Set(font);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Writes the PNG, creating its folder.</summary>
    public static void Save(Plot plot, string path)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, Width, Height);
    }
}
