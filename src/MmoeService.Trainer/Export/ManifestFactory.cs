using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Export;

/// <summary>
/// Assembles the <see cref="ModelManifest"/> of a trained model. Inputs and outputs are derived here once,
/// and the exporter builds its graph outputs from them, so the manifest and the graph cannot disagree.
/// </summary>
public static class ManifestFactory
{
    public const string ValidationSplit = "validation";
    public const string TestSplit = "test";

    /// <summary>Name of the gate output of <paramref name="task"/>.</summary>
    public static string GateOutput(string task) => $"gates_{task}";

    /// <summary>
    /// The manifest without the ONNX hash (filled by <see cref="WithOnnx"/> once the graph exists).
    /// </summary>
    public static ModelManifest Create(
        string name,
        int version,
        TrainingOptions options,
        RawDataset data,
        FeatureSchema schema,
        TrainingResult result,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, TaskMetrics>> metrics,
        IReadOnlyDictionary<string, GateStatistics> gates,
        DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(result);
        var architecture = options.Architecture;
        var experts = options.ExpertsFor(architecture);
        var hasGates = ModelArchitecture.HasGates(architecture);
        var tasks = data.Tasks
            .Select(t => new TaskHead(t.Task, t.Kind, t.Task, hasGates ? GateOutput(t.Task) : null, t.Source))
            .ToArray();

        var inputs = new List<TensorSpec>();
        if (schema.Numeric.Count > 0)
        {
            inputs.Add(new TensorSpec(FeatureSchema.NumericInput, "float", [-1, schema.Numeric.Count]));
        }

        if (schema.Categorical.Count > 0)
        {
            inputs.Add(new TensorSpec(FeatureSchema.CategoricalInput, "int64", [-1, schema.Categorical.Count]));
        }

        var outputs = tasks.Select(t => new TensorSpec(t.Output, "float", [-1]))
            .Concat(tasks.Where(t => t.GateOutput is not null).Select(t => new TensorSpec(t.GateOutput!, "float", [-1, experts])))
            .ToArray();

        var hyperParameters = new HyperParameters(
            experts,
            options.ExpertLayerSizes(),
            options.TowerLayerSizes(),
            options.Epochs,
            result.EpochsRun,
            options.BatchSize,
            options.LearningRate,
            options.Patience,
            data.Tasks.ToDictionary(t => t.Task, t => options.LossWeight(t.Task), StringComparer.Ordinal));

        return new ModelManifest(
            ModelManifest.CurrentSchemaVersion,
            name,
            version,
            architecture,
            tasks,
            inputs,
            outputs,
            schema,
            data.Info,
            options.Seed,
            hyperParameters,
            metrics,
            gates,
            Math.Round(result.RowsPerSecond, 1),
            OnnxSha256: string.Empty,
            OnnxExporter.Opset,
            createdAt);
    }

    /// <summary>The manifest with the hash of the exported graph.</summary>
    public static ModelManifest WithOnnx(ModelManifest manifest, byte[] onnx)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest with { OnnxSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)) };
    }
}
