namespace MmoeService.Contracts;

/// <summary>
/// Everything a server needs to load, check and feed a model version, written by the trainer as
/// <c>manifest.json</c> beside <c>model.onnx</c> in <c>&lt;repository&gt;/&lt;name&gt;/&lt;version&gt;/</c>.
/// </summary>
/// <param name="SchemaVersion">Manifest format version; see <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="Name">Model name (the repository folder).</param>
/// <param name="Version">Model version (the numeric version folder).</param>
/// <param name="Architecture">A <see cref="ModelArchitecture"/> value.</param>
/// <param name="Tasks">Task heads; the first is the main task used for early stopping.</param>
/// <param name="Inputs">Graph inputs in order.</param>
/// <param name="Outputs">Graph outputs in order.</param>
/// <param name="Features">Feature schema with fitted encoding parameters.</param>
/// <param name="Data">The data the model was trained on.</param>
/// <param name="Seed">Seed for data generation, splits, initialisation and shuffling.</param>
/// <param name="HyperParameters">Network and optimiser settings.</param>
/// <param name="Metrics">Split (<c>validation</c>, <c>test</c>) to task to metrics.</param>
/// <param name="Gates">Task to gate statistics on the validation split; empty for Shared-Bottom.</param>
/// <param name="TrainingRowsPerSecond">Measured training throughput.</param>
/// <param name="OnnxSha256">Lower-case hex SHA-256 of model.onnx.</param>
/// <param name="OnnxOpset">ONNX opset the graph was written for.</param>
/// <param name="CreatedAt">When the version was written (UTC).</param>
/// <param name="ExpertDiversity">Similarity of the experts' outputs on the validation split; null without experts and in older manifests.</param>
public sealed record ModelManifest(
    int SchemaVersion,
    string Name,
    int Version,
    string Architecture,
    IReadOnlyList<TaskHead> Tasks,
    IReadOnlyList<TensorSpec> Inputs,
    IReadOnlyList<TensorSpec> Outputs,
    FeatureSchema Features,
    TrainingData Data,
    int Seed,
    HyperParameters HyperParameters,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, TaskMetrics>> Metrics,
    IReadOnlyDictionary<string, GateStatistics> Gates,
    double TrainingRowsPerSecond,
    string OnnxSha256,
    int OnnxOpset,
    DateTimeOffset CreatedAt,
    ExpertDiversity? ExpertDiversity = null)
{
    /// <summary>The manifest format this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Number of experts (MMoE/OMoE) or shared experts per level (CGC/PLE); 0 for Shared-Bottom.</summary>
    public int Experts => HyperParameters.Experts;

    /// <summary>
    /// Weights in every task's gate row (0 without gates). The trainer gives every task the same width; a manifest
    /// whose tasks disagree has no single width and gets -1, which the server rejects.
    /// </summary>
    public int GateWidth
    {
        get
        {
            var widths = Tasks.Where(t => t.GateOutput is not null).Select(GateWidthOf).Distinct().ToArray();
            return widths.Length switch
            {
                0 => 0,
                1 => widths[0],
                _ => -1,
            };
        }
    }

    /// <summary>Weights in <paramref name="task"/>'s gate row: its recorded width, or the expert count for older manifests.</summary>
    public int GateWidthOf(TaskHead task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.GateWidth ?? Experts;
    }
}
