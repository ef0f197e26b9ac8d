using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Contracts;

namespace MmoeService.Api.Models;

/// <summary>
/// One loaded, verified and warmed-up model version: its ONNX Runtime session, manifest and feature encoder.
/// The session is costly to build but safe to run from many threads, so one snapshot serves every request
/// for its version. Lifetime is reference counted: the registry holds one reference while the version is
/// served, each request holds one through a <see cref="ModelLease"/>, and the session is disposed when the
/// last reference goes, so a swap never pulls a session from under a running request.
/// </summary>
public sealed class ModelSnapshot
{
    private readonly InferenceSession _session;
    private int _references = 1;

    internal ModelSnapshot(
        ModelManifest manifest,
        InferenceSession session,
        string executionProvider,
        DateTimeOffset loadedAt,
        JsonObject? exampleRequest)
    {
        Manifest = manifest;
        _session = session;
        ExecutionProvider = executionProvider;
        LoadedAt = loadedAt;
        ExampleRequest = exampleRequest;
        Encoder = new FeatureEncoder(manifest.Features);
        HasGates = manifest.Tasks.All(t => t.GateOutput is not null) && ModelArchitecture.HasGates(manifest.Architecture);
        TaskOutputs = manifest.Tasks.Select(t => t.Output).ToArray();
        OutputsWithGates = HasGates
            ? TaskOutputs.Concat(manifest.Tasks.Select(t => t.GateOutput!)).ToArray()
            : TaskOutputs;
    }

    public string Name => Manifest.Name;

    public int Version => Manifest.Version;

    public ModelManifest Manifest { get; }

    /// <summary>The trainer's encoder for this version's fitted feature schema.</summary>
    public FeatureEncoder Encoder { get; }

    /// <summary><see cref="ExecutionProviderPolicy.Cuda"/> or <see cref="ExecutionProviderPolicy.Cpu"/>.</summary>
    public string ExecutionProvider { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The first request of examples.json, if the version ships one; feeds the Swagger example.</summary>
    public JsonObject? ExampleRequest { get; }

    /// <summary>True for MMoE/OMoE versions whose manifest names a gate output for every task.</summary>
    public bool HasGates { get; }

    /// <summary>Task prediction outputs in manifest task order.</summary>
    public IReadOnlyList<string> TaskOutputs { get; }

    /// <summary>Task outputs followed by gate outputs (task order), or just the task outputs without gates.</summary>
    public IReadOnlyList<string> OutputsWithGates { get; }

    /// <summary>True once the last reference is released and the session disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Width of the <c>numeric</c> input (0: the graph has no such input).</summary>
    public int NumericWidth => Encoder.NumericWidth;

    /// <summary>Width of the <c>categorical</c> input (0: the graph has no such input).</summary>
    public int CategoricalWidth => Encoder.CategoricalWidth;

    /// <summary>The session; only valid while the caller holds a reference.</summary>
    internal InferenceSession Session => _session;

    /// <summary>
    /// Runs <paramref name="rows"/> encoded rows (row-major, exactly rows x width long) through the session.
    /// The input OrtValues pin the caller's arrays only for the duration of the call; the caller disposes the outputs.
    /// </summary>
    internal IDisposableReadOnlyCollection<OrtValue> Run(
        RunOptions runOptions,
        float[] numeric,
        long[] categorical,
        int rows,
        IReadOnlyCollection<string> outputNames)
    {
        var names = new List<string>(2);
        var values = new List<OrtValue>(2);
        try
        {
            if (NumericWidth > 0)
            {
                values.Add(OrtValue.CreateTensorValueFromMemory(numeric, [rows, NumericWidth]));
                names.Add(FeatureSchema.NumericInput);
            }

            if (CategoricalWidth > 0)
            {
                values.Add(OrtValue.CreateTensorValueFromMemory(categorical, [rows, CategoricalWidth]));
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

    /// <summary>Takes a reference unless the snapshot is already fully released.</summary>
    internal bool TryAddReference()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Drops a reference; the last one disposes the session.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _session.Dispose();
        }
    }
}
