using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class CensusReportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mmoe-census-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(0.00039, "+0.0004")]
    [InlineData(-0.00061, "-0.0006")]
    [InlineData(-0.00001, "0.0000")]
    [InlineData(0.00004, "0.0000")]
    public void Signed_AucDifference_FourDecimalsAndAPlainZero(double value, string expected) =>
        Assert.Equal(expected, CensusReport.Signed(value));

    [Fact]
    public void Markdown_Group1_PutsPaperNumbersBesideMeasured()
    {
        var markdown = CensusReport.Markdown(FabricatedResults.Census(), "test command");

        // MMoE: best run is run 2 (0.936) whose marital AUC is 0.991; mean 0.933.
        Assert.Contains("| MMoE | 3 | 0.9360 | 0.9410 | 0.9330 | 0.9359 | 0.0030 | 0.9910 | 0.9926 | 0.9910 | 0.9927 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Single-task | 3 | 0.9220 | - |", markdown, StringComparison.Ordinal);
        Assert.Contains("Among the multi-task models MMoE has the highest mean main-task AUC: **holds**", markdown, StringComparison.Ordinal);
        Assert.Contains("Some multi-task model beats the single-task baseline's mean main-task AUC: **holds**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Bars_Main_CarryMeanStdBestAndPaperMean()
    {
        var bars = CensusReport.Bars(FabricatedResults.Census(), 1, main: true);

        Assert.Equal(["MMoE", "OMoE", "Shared-Bottom", "Single-task", "CGC", "PLE"], bars.Select(b => b.Label));
        Assert.Equal(0.933, bars[0].Mean, 9);
        Assert.Equal(0.936, bars[0].Best, 9);
        Assert.Equal(0.9359, bars[0].Reference);
        Assert.Null(bars[3].Reference);
    }

    [Fact]
    public void Write_Fabricated_WritesCsvChartsAndMarkdown()
    {
        CensusReport.Write(FabricatedResults.Census(), folder, "test command");

        foreach (var file in new[] { "runs.csv", "search.csv", "auc-group1-income.png", "auc-group1-marital.png", "results.md" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing.");
        }
    }
}
