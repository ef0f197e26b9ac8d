using System.Security.Cryptography;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Export;

/// <summary>
/// Assembles the <see cref="ModelManifest"/> of a trained model from plain values, so Export knows nothing of
/// how the model was trained. Inputs and outputs come from <see cref="ModelSignature"/>, the rule the server
/// checks a loaded version by, and the exporter builds its graph outputs from them, so the manifest, the graph
/// and the server cannot disagree.
/// </summary>
public static class ManifestFactory
{
    public const string ValidationSplit = RawDataset.ValidationSplit;
    public const string TestSplit = RawDataset.TestSplit;

    /// <summary>Name of the gate output of <paramref name="task"/>.</summary>
    public static string GateOutput(string task) => $"gates_{task}";

    /// <summary>
    /// The manifest without the ONNX hash (filled by <see cref="WithOnnx"/> once the graph exists).
    /// </summary>
    /// <param name="name">Model name (repository folder).</param>
    /// <param name="version">Version folder.</param>
    /// <param name="architecture">A <see cref="ModelArchitecture"/> value.</param>
    /// <param name="seed">The seed the run used.</param>
    /// <param name="data">The data set: its tasks become the task heads, its provenance the manifest's data.</param>
    /// <param name="schema">The fitted feature schema.</param>
    /// <param name="hyperParameters">Network and optimiser settings, including the epochs actually run.</param>
    /// <param name="trainingRowsPerSecond">Measured training throughput.</param>
    /// <param name="metrics">Split to task to metrics.</param>
    /// <param name="gates">Task to validation gate statistics; empty without gates.</param>
    /// <param name="createdAt">Creation time to record.</param>
    /// <param name="diversity">Expert diversity on the validation split; null without experts.</param>
    public static ModelManifest Create(
        string name,
        int version,
        string architecture,
        int seed,
        RawDataset data,
        FeatureSchema schema,
        HyperParameters hyperParameters,
        double trainingRowsPerSecond,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, TaskMetrics>> metrics,
        IReadOnlyDictionary<string, GateStatistics> gates,
        DateTimeOffset createdAt,
        ExpertDiversity? diversity = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(hyperParameters);
        var hasGates = ModelArchitecture.HasGates(architecture);
        var gateWidth = hyperParameters.Experts + hyperParameters.SpecificExperts;
        var tasks = data.Tasks
            .Select(t => new TaskHead(t.Task, t.Kind, t.Task, hasGates ? GateOutput(t.Task) : null, t.Source, hasGates ? gateWidth : null))
            .ToArray();
        var signature = ModelSignature.From(schema, tasks, hyperParameters.Experts);

        return new ModelManifest(
            ModelManifest.CurrentSchemaVersion,
            name,
            version,
            architecture,
            tasks,
            signature.Inputs,
            signature.Outputs,
            schema,
            data.Info,
            seed,
            hyperParameters,
            metrics,
            gates,
            Math.Round(trainingRowsPerSecond, 1),
            OnnxSha256: string.Empty,
            OnnxExporter.Opset,
            createdAt,
            diversity);
    }

    /// <summary>The manifest with the hash of the exported graph.</summary>
    public static ModelManifest WithOnnx(ModelManifest manifest, byte[] onnx)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest with { OnnxSha256 = Convert.ToHexStringLower(SHA256.HashData(onnx)) };
    }
}
