namespace MmoeService.Trainer.Tests.Reproduction;

[Collection(TorchCollection.Name)]
public sealed class SyntheticStudyEndToEndTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mmoe-synthetic-e2e-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReproduceSynthetic_TinyScale_WritesEveryResultFile()
    {
        // d = 8 and a few dozen rows: seconds, not minutes; the paper's shapes (8 experts of 16, towers of 8) stay.
        var (code, errors) = ReproductionHost.Run("reproduce synthetic",
            "--Data:PaperSynthetic:Dimension=8",
            "--Reproduction:Synthetic:Correlations=0.5,1",
            "--Reproduction:Synthetic:Runs=2",
            "--Reproduction:Synthetic:LearningRates=1e-3,1e-2",
            "--Reproduction:Synthetic:TrainRows=64",
            "--Reproduction:Synthetic:ValidationRows=32",
            "--Reproduction:Synthetic:TestRows=32",
            "--Reproduction:Synthetic:Epochs=2",
            "--Reproduction:Synthetic:BatchSize=16",
            "--Reproduction:Threads=1",
            $"--Reproduction:Synthetic:Output={folder}");

        Assert.True(code == 0, errors);
        foreach (var file in new[] { "runs.csv", "curves.csv", "tuning.csv", "loss-p0.5.png", "histogram-p1.png", "results.md", "command.txt" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing.");
        }

        // 2 correlations x 3 models x 2 runs, each 2 epochs x 4 steps.
        Assert.Equal(1 + 12, File.ReadAllLines(Path.Combine(folder, "runs.csv")).Length);
        Assert.Equal(1 + (2 * 3 * 8), File.ReadAllLines(Path.Combine(folder, "curves.csv")).Length);
        Assert.Contains("| MMoE | 8 | 16 | 8 |", File.ReadAllText(Path.Combine(folder, "results.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void ReproduceSynthetic_BadCorrelation_FailsAsBadInput()
    {
        var (code, errors) = ReproductionHost.Run("reproduce synthetic", "--Reproduction:Synthetic:Correlations=2", $"--Reproduction:Synthetic:Output={folder}");

        Assert.Equal(TrainerCommands.BadInput, code);
        Assert.Contains("Reproduction:Synthetic:Correlations", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void ExperimentSynthetic_OldCommandName_RunsWithOneDeprecationLine()
    {
        var (code, errors) = ReproductionHost.Run("experiment synthetic", "--Reproduction:Synthetic:Correlations=2", $"--Reproduction:Synthetic:Output={folder}");

        // The alias reaches the same job (its option validation fails the same way) after one line naming the new command.
        Assert.Equal(TrainerCommands.BadInput, code);
        Assert.StartsWith("'experiment synthetic' is deprecated; use 'reproduce synthetic'", errors, StringComparison.Ordinal);
        Assert.Single(errors.Split('\n'), line => line.Contains("deprecated", StringComparison.Ordinal));
    }
}
