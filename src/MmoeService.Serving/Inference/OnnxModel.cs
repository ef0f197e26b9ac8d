using Microsoft.ML.OnnxRuntime;
using MmoeService.Contracts;

namespace MmoeService.Serving.Inference;

/// <summary>
/// One model version's ONNX Runtime session and everything about its inputs and outputs: which tensors go in
/// (<c>numeric</c>, <c>categorical</c>, as the manifest's schema says), which come out (a prediction per task,
/// then a gate per task for MMoE/OMoE), and how they are copied back. The session is costly to build but safe
/// to run from many threads, so one instance serves every request of its version; the owner (the model
/// snapshot) disposes it when the last request using it has finished.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _taskOutputs;
    private readonly string[] _outputsWithGates;
    private readonly GateBuffers _gateBuffers;

    public OnnxModel(InferenceSession session, ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(manifest);
        _session = session;
        Experts = manifest.GateWidth;
        HasGates = manifest.Tasks.All(t => t.GateOutput is not null) && ModelArchitecture.HasGates(manifest.Architecture);
        _taskOutputs = [.. manifest.Tasks.Select(t => t.Output)];
        _outputsWithGates = HasGates ? [.. _taskOutputs, .. manifest.Tasks.Select(t => t.GateOutput!)] : _taskOutputs;

        // A few answers in flight per core and task; bounded by one request's gates per slot (16 slots of 16 KB
        // for 2 tasks × 4 experts × 1,000 candidates on 2 cores).
        _gateBuffers = new GateBuffers(4 * Environment.ProcessorCount * _taskOutputs.Length);
    }

    /// <summary>True for MMoE/OMoE versions whose manifest names a gate output for every task.</summary>
    public bool HasGates { get; }

    /// <summary>Weights per gate row, the same for every task (CGC/PLE gates also span the task's own experts).</summary>
    public int Experts { get; }

    /// <summary>
    /// Runs every row of <paramref name="batch"/> and copies the outputs out of ONNX Runtime's buffers, so they
    /// are released before this returns. The input tensors wrap the batch's pooled memory without copying. Gate
    /// arrays come from this model's <see cref="GateBuffers"/>: whoever ends the result's use calls
    /// <see cref="InferenceResult.ReleaseGates"/> (a result never released is simply collected).
    /// </summary>
    /// <param name="batch">Encoded rows; must stay undisposed for the duration of the call.</param>
    /// <param name="includeGates">Also return the gate weights (ignored for models without gates).</param>
    /// <param name="runOptions">Per-call options; setting <c>Terminate</c> stops the run.</param>
    /// <exception cref="OnnxRuntimeException">The run failed or was terminated.</exception>
    public InferenceResult Run(EncodedBatch batch, bool includeGates, RunOptions runOptions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var gates = includeGates && HasGates;
        var taskCount = _taskOutputs.Length;
        using var outputs = RunSession(batch, gates ? _outputsWithGates : _taskOutputs, runOptions);
        var tasks = new float[taskCount][];
        for (var t = 0; t < taskCount; t++)
        {
            tasks[t] = outputs[t].GetTensorDataAsSpan<float>().ToArray();
        }

        if (!gates)
        {
            return new InferenceResult(batch.Rows, tasks, null, Experts);
        }

        var gateWeights = new float[taskCount][];
        for (var t = 0; t < taskCount; t++)
        {
            var weights = outputs[taskCount + t].GetTensorDataAsSpan<float>();
            gateWeights[t] = _gateBuffers.Rent(weights.Length);
            weights.CopyTo(gateWeights[t]);
        }

        return InferenceResult.WithPooledGates(batch.Rows, tasks, gateWeights, Experts, _gateBuffers);
    }

    public void Dispose() => _session.Dispose();

    private IDisposableReadOnlyCollection<OrtValue> RunSession(EncodedBatch batch, string[] outputNames, RunOptions runOptions)
    {
        var names = new List<string>(2);
        var values = new List<OrtValue>(2);
        try
        {
            if (batch.NumericWidth > 0)
            {
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Numeric, [batch.Rows, batch.NumericWidth]));
                names.Add(FeatureSchema.NumericInput);
            }

            if (batch.CategoricalWidth > 0)
            {
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Categorical, [batch.Rows, batch.CategoricalWidth]));
                names.Add(FeatureSchema.CategoricalInput);
            }

            return _session.Run(runOptions, names, values, outputNames);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }
}
