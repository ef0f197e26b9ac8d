namespace MmoeService.Trainer.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class SyntheticExperimentEndToEndTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mmoe-synthetic-e2e-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ExperimentSynthetic_TinyScale_WritesEveryResultFile()
    {
        // d = 8 and a few dozen rows: seconds, not minutes; the paper's shapes (8 experts of 16, towers of 8) stay.
        var (code, errors) = ExperimentHost.Run("experiment synthetic",
            "--Data:PaperSynthetic:Dimension=8",
            "--Experiment:Synthetic:Correlations=0.5,1",
            "--Experiment:Synthetic:Runs=2",
            "--Experiment:Synthetic:LearningRates=1e-3,1e-2",
            "--Experiment:Synthetic:TrainRows=64",
            "--Experiment:Synthetic:ValidationRows=32",
            "--Experiment:Synthetic:TestRows=32",
            "--Experiment:Synthetic:Epochs=2",
            "--Experiment:Synthetic:BatchSize=16",
            "--Experiment:Threads=1",
            $"--Experiment:Synthetic:Output={folder}");

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
    public void ExperimentSynthetic_BadCorrelation_FailsAsBadInput()
    {
        var (code, errors) = ExperimentHost.Run("experiment synthetic", "--Experiment:Synthetic:Correlations=2", $"--Experiment:Synthetic:Output={folder}");

        Assert.Equal(TrainerCommands.BadInput, code);
        Assert.Contains("Experiment:Synthetic:Correlations", errors, StringComparison.Ordinal);
    }
}
