using System.Globalization;
using System.Text.Json;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace MmoeService.Trainer.Jobs;

/// <summary>
/// The <c>train</c> command: load data, check its labels, fit the schema on the training split, encode, train,
/// evaluate on validation and test, export ONNX + manifest + examples, and publish the version atomically.
/// Nothing touches the repository until everything is computed, so a failure at any step leaves it untouched.
/// The job is where Training (network, metrics, predictions) meets Export (manifest, graph, examples, writer):
/// it hands Export plain values and a predict function, so neither feature refers to the other.
/// </summary>
public sealed partial class TrainingJob(
    DatasetLoader loader,
    MultiTaskTrainer trainer,
    ModelRepositoryWriter writer,
    TrainingProgressDisplay display,
    IAnsiConsole console,
    TimeProvider time,
    IOptions<TrainingOptions> trainingOptions,
    IOptions<OutputOptions> outputOptions,
    ILogger<TrainingJob> logger) : ITrainerJob
{
    public void Run(CancellationToken cancellationToken)
    {
        var output = outputOptions.Value;
        var training = trainingOptions.Value;
        var repository = output.Repository ?? OutputOptions.DefaultRepository;
        var name = output.Name ?? training.Architecture;
        CheckTarget(repository, output, name, output.Version ?? ModelRepositoryWriter.NextVersion(repository, name));
        var data = loader.Load();
        Publish(data, training, output, createdAt: null, cancellationToken);
    }

    /// <summary>
    /// Trains on <paramref name="data"/> and writes the version. <paramref name="createdAt"/> overrides the
    /// manifest's creation time (the committed defaults pin it so regeneration gives the same manifest).
    /// </summary>
    public PublishedModel Publish(RawDataset data, TrainingOptions options, OutputOptions output, DateTimeOffset? createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var repository = output.Repository ?? OutputOptions.DefaultRepository;
        var name = output.Name ?? options.Architecture;
        var version = output.Version ?? ModelRepositoryWriter.NextVersion(repository, name);
        CheckTarget(repository, output, name, version);
        LabelAudit.Check(data);
        foreach (var scarce in LabelAudit.Scarce(data))
        {
            LogScarce(logger, scarce.Task, scarce.Split, scarce.File ?? data.Info.Source, scarce.Column, scarce.Positives, scarce.Rows, LabelAudit.MinimumPositives);
        }

        var schema = SchemaFitter.Fit(data);
        var encoder = new FeatureEncoder(schema);
        var train = EncodedSplit.Encode(data.Train, data.Features, encoder);
        var validation = EncodedSplit.Encode(data.Validation, data.Features, encoder);
        var test = EncodedSplit.Encode(data.Test, data.Features, encoder);
        LogStart(logger, name, version, options.Architecture, data.Info.Source, train.Rows, validation.Rows, test.Rows);

        using var network = MultiTaskTrainer.CreateNetwork(schema, data.Tasks.Count, options);
        var taskNames = data.Tasks.Select(t => t.Task).ToArray();
        var result = display.Run(name, options.Progress, taskNames,
            progress => trainer.Train(network, train, validation, data.Tasks, options, progress, cancellationToken));

        var kinds = data.Tasks.Select(t => t.Kind).ToArray();
        SplitPredictions Predict(EncodedSplit split) => NetworkPredictor.Predict(network, split, kinds);
        var validationPredictions = Predict(validation);
        var testPredictions = Predict(test);
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, TaskMetrics>>(StringComparer.Ordinal)
        {
            [ManifestFactory.ValidationSplit] = Metrics(data.Tasks, validationPredictions, validation),
            [ManifestFactory.TestSplit] = Metrics(data.Tasks, testPredictions, test),
        };
        var gates = new Dictionary<string, GateStatistics>(StringComparer.Ordinal);
        if (validationPredictions.Gates is { } gateWeights)
        {
            for (var k = 0; k < data.Tasks.Count; k++)
            {
                gates[data.Tasks[k].Task] = GateStatisticsCalculator.Compute(gateWeights[k], validationPredictions.Experts);
            }
        }

        var diversity = ExpertDiversityCalculator.Compute(network, validation);
        var hyperParameters = options.ToHyperParameters(result.EpochsRun, taskNames);
        var manifest = ManifestFactory.Create(name, version, options.Architecture, options.Seed, data, schema, hyperParameters,
            result.RowsPerSecond, metrics, gates, createdAt ?? time.GetUtcNow(), diversity);
        var onnx = OnnxExporter.Export(network.state_dict(), manifest);
        manifest = ManifestFactory.WithOnnx(manifest, onnx);
        var examples = ScoringExampleBuilder.Build(Predict, data, encoder, manifest.Tasks);
        cancellationToken.ThrowIfCancellationRequested();
        var folder = writer.Write(repository, name, version,
        [
            new(ModelFiles.Onnx, onnx),
            new(ModelFiles.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, ModelFiles.JsonOptions)),
            new(ModelFiles.Examples, JsonSerializer.SerializeToUtf8Bytes(examples, ModelFiles.JsonOptions)),
        ], output.Overwrite);

        var published = new PublishedModel(folder, manifest, result, onnx.LongLength);
        Summarise(published);
        return published;
    }

    private static IReadOnlyDictionary<string, TaskMetrics> Metrics(IReadOnlyList<LabelColumn> tasks, SplitPredictions predictions, EncodedSplit split) =>
        tasks.Select((t, k) => (t.Task, Metrics: MetricsCalculator.ForTask(t.Kind, predictions.Outputs[k], split.Labels[k])))
            .ToDictionary(p => p.Task, p => p.Metrics, StringComparer.Ordinal);

    private static void CheckTarget(string repository, OutputOptions output, string name, int version)
    {
        // Fail in a second rather than after the whole training run.
        var target = Path.Combine(repository, name, ModelVersionFolders.FolderName(version));
        if (!output.Overwrite && Directory.Exists(target))
        {
            throw new OptionsValidationException(OutputOptions.SectionName, typeof(OutputOptions),
                [$"{target} already exists; set Output:Version to a free number, leave it empty for the next one, or set Output:Overwrite=true."]);
        }
    }

    private void Summarise(PublishedModel published)
    {
        var manifest = published.Manifest;
        var table = new Table().Title(Markup.Escape($"{manifest.Name}/{manifest.Version} ({manifest.Architecture})"))
            .AddColumn("task").AddColumn("validation").AddColumn("test");
        foreach (var task in manifest.Tasks)
        {
            table.AddRow(
                Markup.Escape(task.Name),
                Markup.Escape(TrainingProgressDisplay.Format(manifest.Metrics[ManifestFactory.ValidationSplit][task.Name])),
                Markup.Escape(TrainingProgressDisplay.Format(manifest.Metrics[ManifestFactory.TestSplit][task.Name])));
        }

        console.Write(table);
        foreach (var (task, stats) in manifest.Gates)
        {
            console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gates_{task}: mean weights [{string.Join(", ", stats.MeanWeights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)))}], mean entropy {stats.MeanEntropy:F3} (uniform {Math.Log(manifest.GateWidth):F3}), polarisation {stats.Polarisation:F3}, effective experts {stats.EffectiveExperts:F2}"));
        }

        if (manifest.ExpertDiversity is { } diversity)
        {
            console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"experts ({diversity.Experts.Count}, {diversity.Rows} validation rows): mean linear CKA {diversity.MeanLinearCka:F3}, mean matched |r| {diversity.MeanAbsoluteCorrelation:F3}"));
        }

        console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{published.Result.EpochsRun} epochs (best {published.Result.BestEpoch}), {published.Result.RowsPerSecond:N0} training rows/s, model.onnx {published.OnnxBytes / 1024.0:F1} KiB -> {published.Folder}"));
        LogPublished(logger, published.Folder, published.Result.EpochsRun, published.Result.BestEpoch, published.Result.RowsPerSecond, published.OnnxBytes);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Training {Name}/{Version} ({Architecture}) on {Source}: {TrainRows} train, {ValidationRows} validation, {TestRows} test rows")]
    private static partial void LogStart(ILogger logger, string name, int version, string architecture, string source, int trainRows, int validationRows, int testRows);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Task {Task} has only {Positives} positives among {Rows} {Split} rows of {File} (column {Column}); its AUC on that split rests on fewer than {Minimum} positives")]
    private static partial void LogScarce(ILogger logger, string task, string split, string file, string column, int positives, int rows, int minimum);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Published {Folder}: {Epochs} epochs (best {BestEpoch}), {RowsPerSecond:F0} training rows/s, {OnnxBytes} bytes of ONNX")]
    private static partial void LogPublished(ILogger logger, string folder, int epochs, int bestEpoch, double rowsPerSecond, long onnxBytes);
}
