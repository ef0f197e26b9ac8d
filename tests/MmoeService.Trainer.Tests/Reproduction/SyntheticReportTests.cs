using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

public sealed class SyntheticReportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mmoe-synthetic-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Write_FabricatedRuns_WritesCsvChartsAndMarkdown()
    {
        SyntheticReport.Write(FabricatedResults.Synthetic(), folder, curveSmoothing: 3, "test command");

        foreach (var file in new[] { "runs.csv", "curves.csv", "tuning.csv", "loss-p0.5.png", "loss-p1.png", "histogram-p0.5.png", "histogram-p1.png", "results.md" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing.");
        }

        Assert.Equal(1 + (2 * 3 * 4), File.ReadAllLines(Path.Combine(folder, "runs.csv")).Length);
        Assert.Equal(1 + (2 * 3 * 10), File.ReadAllLines(Path.Combine(folder, "curves.csv")).Length);
    }

    [Fact]
    public void Markdown_FabricatedRuns_TabulatesMeanMedianBestStd()
    {
        var markdown = SyntheticReport.Markdown(FabricatedResults.Synthetic(), "test command");

        // Shared-Bottom at p = 0.5: losses 1.15, 1.45, 1.75, 2.05.
        Assert.Contains("| 0.5 | Shared-Bottom | 4 | 1.6000 | 1.6000 | 1.1500 | 0.3873 | 1.6000 | 0.3873 |", markdown, StringComparison.Ordinal);
        Assert.Contains("`test command`", markdown, StringComparison.Ordinal);
        Assert.Contains("| 0.5 | 0.001 | 0.001 | 0.001 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Claims_DataShapedLikeThePaper_AllHold()
    {
        var claims = SyntheticReport.Claims(FabricatedResults.Synthetic());

        Assert.NotEmpty(claims);
        Assert.All(claims, c => Assert.Contains("**holds**", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Claims_SharedBottomWins_MmoeClaimDoesNotHold()
    {
        var result = FabricatedResults.Synthetic();
        var flipped = result with { Runs = [.. result.Runs.Select(r => r.Model == "shared-bottom" ? r with { FinalTrainLoss = r.FinalTrainLoss - 1.5 } : r)] };

        var claims = SyntheticReport.Claims(flipped);

        Assert.Contains(claims, c => c.StartsWith("MMoE beats OMoE and Shared-Bottom at p = 0.5: **does not hold**", StringComparison.Ordinal));
    }

    [Fact]
    public void MeanCurve_Runs_AveragesStepwise()
    {
        var runs = FabricatedResults.Synthetic().RunsOf("mmoe", 0.5).ToArray();

        Assert.Equal(runs.Average(r => r.StepLosses[0]), SyntheticReport.MeanCurve(runs)[0], 12);
    }
}
