using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.Inference;
using MmoeService.Contracts;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// One loaded, verified and warmed-up model version: its manifest, its ONNX model and the feature vectoriser
/// compiled from its schema. Lifetime is reference counted: the registry holds one reference while the version
/// is served, and everyone who runs it holds one through a <see cref="ModelLease"/> (a request for its own run,
/// a batcher for the rows it has queued, independently of the request); the session is disposed when the last
/// reference goes, so neither a swap nor a cancelled request pulls a session from under a running batch.
/// </summary>
public sealed class ModelSnapshot
{
    private int _references = 1;

    internal ModelSnapshot(
        ModelManifest manifest,
        InferenceSession session,
        string executionProvider,
        DateTimeOffset loadedAt,
        JsonObject? exampleRequest)
    {
        Manifest = manifest;
        Onnx = new OnnxModel(session, manifest);
        ExecutionProvider = executionProvider;
        LoadedAt = loadedAt;
        ExampleRequest = exampleRequest;
        Vectoriser = new FeatureVectoriser(new FeatureEncoder(manifest.Features));
        TaskNames = [.. manifest.Tasks.Select(t => t.Name)];
    }

    public string Name => Manifest.Name;

    public int Version => Manifest.Version;

    public ModelManifest Manifest { get; }

    /// <summary>The session and its inputs/outputs; only valid while the caller holds a lease.</summary>
    public OnnxModel Onnx { get; }

    /// <summary>This version's encoder for requests, built once at load.</summary>
    public FeatureVectoriser Vectoriser { get; }

    /// <summary>Task names in manifest (and output) order.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary><see cref="ExecutionProviderPolicy.Cuda"/> or <see cref="ExecutionProviderPolicy.Cpu"/>.</summary>
    public string ExecutionProvider { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The first request of examples.json, if the version ships one; feeds the Swagger example.</summary>
    public JsonObject? ExampleRequest { get; }

    /// <summary>
    /// Takes a new, independent reference on this very version; null when it is already fully released
    /// (retired and every earlier lease gone). Each lease is disposed by whoever took it.
    /// </summary>
    public ModelLease? Lease()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return new ModelLease(this);
            }
        }
    }

    /// <summary>Drops a reference; the last one disposes the session.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Onnx.Dispose();
        }
    }
}
