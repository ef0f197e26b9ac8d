using MmoeService.Contracts;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Tests.Training;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Tests.Infrastructure;

/// <summary>Manifest and ONNX bytes of a <see cref="TinyModel"/>, built the way the training job builds them.</summary>
internal static class TrainedExport
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static (ModelManifest Manifest, byte[] Onnx) Export(TinyModel model, string name = "tiny", int version = 1)
    {
        var kinds = model.Data.Tasks.Select(t => t.Kind).ToArray();
        var validation = NetworkPredictor.Predict(model.Network, TinyDataset.Encode(model.Data.Validation, model.Schema), kinds);
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, TaskMetrics>>
        {
            [ManifestFactory.ValidationSplit] = model.Data.Tasks.Select((t, k) => (t.Task, M: MetricsCalculator.ForTask(t.Kind, validation.Outputs[k], model.Data.Validation.Labels[k])))
                .ToDictionary(p => p.Task, p => p.M),
        };
        var gates = validation.Gates is null
            ? new Dictionary<string, GateStatistics>()
            : model.Data.Tasks.Select((t, k) => (t.Task, G: GateStatisticsCalculator.Compute(validation.Gates[k], validation.Experts))).ToDictionary(p => p.Task, p => p.G);
        var hyperParameters = model.Options.ToHyperParameters(model.Result.EpochsRun, model.Data.Tasks.Select(t => t.Task));
        var manifest = ManifestFactory.Create(name, version, model.Options.Architecture, model.Options.Seed, model.Data, model.Schema, hyperParameters,
            model.Result.RowsPerSecond, metrics, gates, CreatedAt);
        var onnx = OnnxExporter.Export(model.Network.state_dict(), manifest);
        return (ManifestFactory.WithOnnx(manifest, onnx), onnx);
    }
}
