using MmoeService.Contracts;
using MmoeService.Trainer.Conflict;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Jobs;
using MmoeService.Trainer.Reproduction;
using MmoeService.Trainer.Simulation;
using MmoeService.Trainer.Tests.Export;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace MmoeService.Trainer.Tests.Training;

/// <summary>The trainer end to end through its command table, exactly as Program.cs runs it, on tiny data.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainerCommandsTests : IDisposable
{
    private static readonly string[] TinyWorld =
    [
        "--Data:SyntheticRecommendation:Impressions=4000",
        "--Data:SyntheticRecommendation:Users=300",
        "--Data:SyntheticRecommendation:Items=80",
        "--Logging:LogLevel:Default=Warning",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("trainer-").FullName;

    private string Repository => Path.Combine(_root, "models");

    private static int Run(string[] args, Action<HostApplicationBuilder>? configure = null, TextWriter? errors = null)
    {
        var (command, settings) = TrainerCommands.Split(args);
        var builder = Host.CreateApplicationBuilder(settings);
        builder.AddData();
        builder.AddTraining();
        builder.AddExport();
        builder.AddJobs();
        builder.AddSimulation();
        configure?.Invoke(builder);
        return TrainerCommands.Run(builder, command, errors ?? TextWriter.Null);
    }

    [Fact]
    public void Split_LeadingWords_AreTheCommand()
    {
        var (command, settings) = TrainerCommands.Split(["reproduce", "census", "--Data:Seed=3"]);

        Assert.Equal("reproduce census", command);
        Assert.Equal(["--Data:Seed=3"], settings);
        Assert.Equal("train", TrainerCommands.Split(["--Training:Epochs=1"]).Command);
    }

    [Fact]
    public void Defaults_TinyWorld_WritesBothModelsThatReplayTheirExamples()
    {
        var exit = Run(["defaults", $"--Output:Repository={Repository}", .. TinyWorld]);

        Assert.Equal(TrainerCommands.Success, exit);
        foreach (var name in DefaultModelsJob.Architectures)
        {
            var folder = Path.Combine(Repository, name, "1");
            var manifest = ModelFiles.ReadManifest(Path.Combine(folder, ModelFiles.Manifest));
            var onnx = File.ReadAllBytes(Path.Combine(folder, ModelFiles.Onnx));
            Assert.Equal(name, manifest.Architecture);
            Assert.Equal(DefaultModelsJob.CreatedAt, manifest.CreatedAt);
            Assert.True(ExampleReplay.MaxError(onnx, manifest, ModelFiles.ReadExamples(Path.Combine(folder, ModelFiles.Examples))) <= 1e-5f);
            Assert.Equal(["1"], Directory.GetDirectories(Path.Combine(Repository, name)).Select(Path.GetFileName));
        }
    }

    [Fact]
    public void Defaults_RunTwice_ReproducesModelAndExamplesByteForByte()
    {
        var second = Path.Combine(_root, "again");

        Assert.Equal(TrainerCommands.Success, Run(["defaults", $"--Output:Repository={Repository}", .. TinyWorld]));
        Assert.Equal(TrainerCommands.Success, Run(["defaults", $"--Output:Repository={second}", .. TinyWorld]));

        foreach (var name in DefaultModelsJob.Architectures)
        {
            foreach (var file in new[] { ModelFiles.Onnx, ModelFiles.Examples })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(Repository, name, "1", file)), File.ReadAllBytes(Path.Combine(second, name, "1", file)));
            }
        }
    }

    [Fact]
    public void Train_Twice_WritesNextVersion()
    {
        string[] args = ["train", $"--Output:Repository={Repository}", "--Output:Name=tiny", "--Training:Epochs=1", "--Training:Architecture=omoe", .. TinyWorld];

        Assert.Equal(TrainerCommands.Success, Run(args));
        Assert.Equal(TrainerCommands.Success, Run(args));

        Assert.Equal(["1", "2"], Directory.GetDirectories(Path.Combine(Repository, "tiny")).Select(Path.GetFileName).Order());
        Assert.Equal(2, ModelFiles.ReadManifest(Path.Combine(Repository, "tiny", "2", ModelFiles.Manifest)).Version);
    }

    [Fact]
    public void Train_BadData_ExitsWithBadInputAndWritesNothing()
    {
        var exit = Run(["train", $"--Output:Repository={Repository}", "--Data:Source=spec", .. TinyWorld], builder =>
        {
            builder.Services.RemoveAll<IDataSource>();
            builder.Services.AddSingleton<IDataSource>(new BrokenSource());
        });

        Assert.Equal(TrainerCommands.BadInput, exit);
        Assert.False(Directory.Exists(Repository));
    }

    [Fact]
    public void Train_BadTrainingOptions_ExitsWithBadInputAndWritesNothing()
    {
        var exit = Run(["train", $"--Output:Repository={Repository}", "--Training:ExpertLayers=64,abc", .. TinyWorld]);

        Assert.Equal(TrainerCommands.BadInput, exit);
        Assert.False(Directory.Exists(Repository));
    }

    [Fact]
    public void Train_ExistingVersionWithoutOverwrite_ExitsWithBadInputAndKeepsIt()
    {
        var existing = Path.Combine(Repository, "mmoe", "1");
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "marker"), "old");

        var exit = Run(["train", $"--Output:Repository={Repository}", "--Output:Version=1", .. TinyWorld]);

        Assert.Equal(TrainerCommands.BadInput, exit);
        Assert.Equal(["marker"], Directory.GetFiles(existing).Select(Path.GetFileName));
    }

    [Fact]
    public void Run_UnknownCommand_ExitsWithBadInputListingTheRegisteredCommands()
    {
        using var errors = new StringWriter();

        var exit = Run(["fly"], errors: errors);

        Assert.Equal(TrainerCommands.BadInput, exit);
        Assert.Contains("Unknown command 'fly'. Commands: train, defaults, defaults conflict, simulate.", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_EveryFeature_RegistersItsJobsByCommandWord()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddData();
        builder.AddTraining();
        builder.AddExport();
        builder.AddJobs();
        builder.AddSimulation();
        builder.AddReproduction();
        builder.AddConflictStudy();

        Assert.Equal(
            ["train", "defaults", "defaults conflict", "simulate", "reproduce synthetic", "reproduce census", "reproduce synthetic-sweep", "conflict-study"],
            TrainerCommands.Commands(builder.Services));
        using var services = builder.Services.BuildServiceProvider();
        Assert.IsType<DefaultModelsJob>(services.GetRequiredKeyedService<ITrainerJob>("defaults"));
    }

    [Fact]
    public void Train_ReservedTaskName_ExitsWithBadInputNamingTheTaskAndWritesNothing()
    {
        var (exit, errors) = TrainOnSpec(WriteSpecData(validationPositives: 30, task: "score"));

        Assert.Equal(TrainerCommands.BadInput, exit);
        Assert.Contains("'score' is reserved", errors, StringComparison.Ordinal);
        Assert.Contains("labels[0].task", errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Repository));
    }

    [Fact]
    public void Train_ConstantValidationLabel_ExitsWithBadInputNamingFileAndColumn()
    {
        var (exit, errors) = TrainOnSpec(WriteSpecData(validationPositives: 0));

        Assert.Equal(TrainerCommands.BadInput, exit);
        Assert.Contains("file 'validation.csv', column 'clicked'", errors, StringComparison.Ordinal);
        Assert.Contains("every validation row is 0", errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Repository));
    }

    [Fact]
    public void Train_FewValidationPositives_WarnsWithTheCountAndPublishes()
    {
        var spec = WriteSpecData(validationPositives: 7);
        var logs = new FakeLogCollector();
        using var provider = new FakeLoggerProvider(logs);

        var exit = Run(["train", $"--Output:Repository={Repository}", "--Output:Name=few", "--Data:Source=spec", $"--Data:Spec:Path={spec}",
            "--Training:Epochs=1", "--Training:Progress=false", "--Logging:LogLevel:Default=Warning"], builder => builder.Logging.AddProvider(provider));

        Assert.Equal(TrainerCommands.Success, exit);
        var warning = Assert.Single(logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Message.Contains("positives", StringComparison.Ordinal));
        Assert.Contains("only 7 positives among 60 validation rows of validation.csv", warning.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository, "few", "1", ModelFiles.Manifest)));
    }

    [Fact]
    public void OutputOptions_RepositoryUnset_TrainStaysOutOfTheCommittedModels()
    {
        Assert.Null(new OutputOptions().Repository);
        Assert.Equal("artifacts/models", OutputOptions.DefaultRepository);
        Assert.Equal("models", DefaultModelsJob.CommittedRepository);
    }

    private (int ExitCode, string Errors) TrainOnSpec(string spec)
    {
        using var errors = new StringWriter();
        var exit = Run(["train", $"--Output:Repository={Repository}", "--Data:Source=spec", $"--Data:Spec:Path={spec}", "--Training:Epochs=1"], errors: errors);
        return (exit, errors.ToString());
    }

    /// <summary>
    /// A spec with given train/validation/test files: 200 training rows (half positive), 60 validation rows of
    /// which <paramref name="validationPositives"/> are positive, 60 test rows (half positive).
    /// </summary>
    private string WriteSpecData(int validationPositives, string task = "ctr")
    {
        static string Csv(int rows, Func<int, bool> positive) => string.Join('\n',
            ["x,c,clicked", .. Enumerable.Range(0, rows).Select(i => $"{i % 17},k{i % 5},{(positive(i) ? 1 : 0)}")]) + "\n";
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "train.csv"), Csv(200, i => i % 2 == 0));
        File.WriteAllText(Path.Combine(_root, "validation.csv"), Csv(60, i => i < validationPositives));
        File.WriteAllText(Path.Combine(_root, "test.csv"), Csv(60, i => i % 2 == 1));
        var spec = Path.Combine(_root, "spec.json");
        File.WriteAllText(spec, $$"""
            {
              "files": { "train": "train.csv", "validation": "validation.csv", "test": "test.csv" },
              "labels": [ { "column": "clicked", "task": "{{task}}" } ],
              "features": [ { "column": "x", "kind": "numeric" }, { "column": "c", "kind": "categorical" } ]
            }
            """);
        return spec;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class BrokenSource : IDataSource
    {
        public string Name => "spec";

        public RawDataset Load() => throw new DatasetException("Column 'price' is not numeric: 'abc'.", "items.csv", 17, "price");
    }
}
