using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MmoeService.Trainer.Conflict;
using MmoeService.Trainer.Training;
using Spectre.Console;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Tests.Conflict;

[Collection(TorchCollection.Name)]
public sealed class ConflictStudyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "conflict-study-" + Guid.NewGuid().ToString("N"));

    private ConflictStudyOptions Tiny() => new()
    {
        Correlations = "0",
        Seeds = 2,
        Impressions = 3_000,
        Users = 300,
        Items = 100,
        Epochs = 1,
        OracleUsers = 20,
        OracleCandidates = 20,
        Models = "single-task,shared-bottom,mmoe,cgc",
        OutputDirectory = _directory,
    };

    private static ConflictStudyJob Job(ConflictStudyOptions options) =>
        new(new MultiTaskTrainer(NullLogger<MultiTaskTrainer>.Instance), AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }), Options.Create(options), NullLogger<ConflictStudyJob>.Instance);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void RunWorld_EveryModel_GetsTaskAndOracleMetricsBelowTheTruth()
    {
        var options = Tiny();

        var (_, facts, runs) = Job(options).RunWorld(options, 0, 1, CancellationToken.None);

        Assert.Equal(["truth", "random", "single-task", "shared-bottom", "mmoe", "cgc"], runs.Select(r => r.Model));
        var truth = runs[0].Metrics[ConflictMetrics.SatisfiedClicks];
        foreach (var run in runs.Skip(2))
        {
            Assert.Equal(ConflictMetrics.All.Count, run.Metrics.Count);
            Assert.InRange(run.Metrics[ConflictMetrics.SatisfiedClicks], 0, truth);
            Assert.True(run.Parameters > 0);
        }

        Assert.NotNull(runs.Single(r => r.Model == "cgc").Diversity);
        Assert.Null(runs.Single(r => r.Model == "shared-bottom").Gates);
        Assert.InRange(facts.ClickRate, 0.01, 0.3);
    }

    [Fact]
    public void Run_TinyStudy_WritesSummaryInTheSharedShape()
    {
        Job(Tiny()).Run(CancellationToken.None);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "summary.json")))!;
        Assert.Equal("recommendation-conflict", (string)summary["study"]!);
        Assert.Equal(2, (int)summary["runs"]!);
        var row = summary["rows"]!.AsArray().First(r => (string)r!["model"]! == "mmoe" && (string)r["metric"]! == ConflictMetrics.SatisfactionAuc)!;
        Assert.True((double)row["lower"]! <= (double)row["mean"]! && (double)row["mean"]! <= (double)row["upper"]!);
        Assert.Contains(summary["differences"]!.AsArray(), d => (string)d!["a"]! == "mmoe" && (string)d["b"]! == "shared-bottom" && (double)d["p"]! == 0);
        Assert.Contains("| mmoe - shared-bottom | 0 |", File.ReadAllText(Path.Combine(_directory, "results.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_BadListsAndUnknownModel_ReportsEveryKey()
    {
        var options = Tiny();
        options.Correlations = "1,two";
        options.GateDropouts = "0.95";
        options.Models = "mmoe,transformer";

        var result = new ConflictStudyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Correlations", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("GateDropouts", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("transformer", StringComparison.Ordinal));
    }

    [Fact]
    public void Interval_FiveValues_UsesStudentT()
    {
        var interval = Interval.Of([1, 2, 3, 4, 5]);

        // s = sqrt(2.5), t(0.975, 4) = 2.776.
        Assert.Equal(3, interval.Mean);
        Assert.Equal(3 - (2.776 * Math.Sqrt(2.5) / Math.Sqrt(5)), interval.Lower, 9);
    }
}
