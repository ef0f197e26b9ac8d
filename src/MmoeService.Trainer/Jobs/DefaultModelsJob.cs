using System.Globalization;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace MmoeService.Trainer.Jobs;

/// <summary>
/// The <c>defaults</c> command: regenerates the committed models/mmoe/1 and models/shared-bottom/1 on the
/// synthetic recommendation data with fixed recipes and seeds. Training settings from the command line are
/// ignored on purpose (the recipes are the point); Data settings and Output:Repository are honoured, which
/// is what lets a test run the same job on a tiny world in a temp folder. Unlike <c>train</c>, it writes into
/// the committed <see cref="CommittedRepository"/> when Output:Repository is not set: that is its purpose.
/// </summary>
public sealed class DefaultModelsJob(
    IEnumerable<IDataSource> sources,
    TrainingJob training,
    IAnsiConsole console,
    IOptions<OutputOptions> outputOptions) : ITrainerJob
{
    /// <summary>
    /// Pinned creation time of the default manifests: with it (and one torch thread) a regeneration
    /// reproduces model.onnx and examples.json byte for byte; only the measured rows/s in the manifest moves.
    /// </summary>
    public static readonly DateTimeOffset CreatedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The committed repository the API serves by default, relative to the repository root (the working directory).</summary>
    public const string CommittedRepository = "models";

    public static IReadOnlyList<string> Architectures { get; } = [ModelArchitecture.Mmoe, ModelArchitecture.SharedBottom];

    /// <summary>The fixed recipe of each default model; the two have similar parameter counts.</summary>
    public static TrainingOptions Recipe(string architecture) => architecture switch
    {
        ModelArchitecture.Mmoe => new TrainingOptions
        {
            Architecture = ModelArchitecture.Mmoe,
            Experts = 4,
            ExpertLayers = "32",
            TowerLayers = "16",
            Epochs = 12,
            BatchSize = 512,
            LearningRate = 2e-3,
            Patience = 2,
            Seed = 1,
            Threads = 1,
        },
        ModelArchitecture.SharedBottom => new TrainingOptions
        {
            Architecture = ModelArchitecture.SharedBottom,
            ExpertLayers = "96",
            TowerLayers = "16",
            Epochs = 12,
            BatchSize = 512,
            LearningRate = 2e-3,
            Patience = 2,
            Seed = 1,
            Threads = 1,
        },
        _ => throw new ArgumentException($"No default recipe for '{architecture}'.", nameof(architecture)),
    };

    public void Run(CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.Name == SyntheticRecommendationSource.SourceName)
            ?? throw new InvalidOperationException($"The {SyntheticRecommendationSource.SourceName} source is not registered.");
        var data = source.Load();
        var published = new List<PublishedModel>();
        foreach (var architecture in Architectures)
        {
            var output = new OutputOptions
            {
                Repository = outputOptions.Value.Repository ?? CommittedRepository,
                Name = architecture,
                Version = 1,
                Overwrite = true,
            };
            published.Add(training.Publish(data, Recipe(architecture), output, CreatedAt, cancellationToken));
        }

        Compare(published);
    }

    private void Compare(IReadOnlyList<PublishedModel> models)
    {
        var table = new Table().Title("default models, side by side").AddColumn("split / task");
        foreach (var model in models)
        {
            table.AddColumn(Markup.Escape(model.Manifest.Name));
        }

        foreach (var split in new[] { ManifestFactory.ValidationSplit, ManifestFactory.TestSplit })
        {
            foreach (var task in models[0].Manifest.Tasks)
            {
                table.AddRow([Markup.Escape($"{split} {task.Name}"), .. models.Select(m => Markup.Escape(TrainingProgressDisplay.Format(m.Manifest.Metrics[split][task.Name])))]);
            }
        }

        table.AddRow(["epochs run", .. models.Select(m => m.Result.EpochsRun.ToString(CultureInfo.InvariantCulture))]);
        table.AddRow(["training rows/s", .. models.Select(m => m.Result.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture))]);
        table.AddRow(["model.onnx KiB", .. models.Select(m => (m.OnnxBytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture))]);
        console.Write(table);
    }
}
