using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.Inference;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using Microsoft.ML.OnnxRuntime.Tensors;
using MmoeService.Contracts;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// Turns a version folder into a servable <see cref="ModelSnapshot"/>: read the manifest, check the ONNX file's
/// SHA-256, build the session, check its input and output names, types and shapes against the manifest, and
/// warm it up. Any failure throws <see cref="ModelLoadException"/> and leaves nothing behind, so a bad version
/// is never half served (Triton's model_lifecycle: load fully, then publish).
/// </summary>
public sealed class ModelLoader
{
    private readonly ExecutionProviderPolicy _policy;
    private readonly ModelRepositoryOptions _options;
    private readonly TimeProvider _time;

    public ModelLoader(ExecutionProviderPolicy policy, IOptions<ModelRepositoryOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _policy = policy;
        _options = options.Value;
        _time = time;
    }

    /// <exception cref="ModelLoadException">The version cannot be served; the message says why.</exception>
    public ModelSnapshot Load(string model, int version, string directory)
    {
        var manifest = ReadManifest(model, version, directory);
        var onnx = ReadOnnx(directory, manifest);
        InferenceSession session;
        try
        {
            using var sessionOptions = _policy.CreateSessionOptions();
            session = new InferenceSession(onnx, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"ONNX Runtime cannot load {ModelFiles.Onnx}: {ex.Message}", ex);
        }

        // Everything after the session exists sits in the try, so any failure (the snapshot's own constructor
        // included) releases the session instead of leaking it.
        ModelSnapshot? snapshot = null;
        try
        {
            snapshot = new ModelSnapshot(manifest, session, _policy.Provider, _time.GetUtcNow(), ReadExampleRequest(directory));
            CheckGraph(session, manifest);
            WarmUp(snapshot);
            return snapshot;
        }
        catch
        {
            if (snapshot is null)
            {
                session.Dispose();
            }
            else
            {
                snapshot.Release();
            }

            throw;
        }
    }

    private static ModelManifest ReadManifest(string model, int version, string directory)
    {
        var path = Path.Combine(directory, ModelFiles.Manifest);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"{ModelFiles.Manifest} is missing in {directory}.");
        }

        ModelManifest manifest;
        try
        {
            manifest = ModelFiles.ReadManifest(path);
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            throw new ModelLoadException($"{ModelFiles.Manifest} is unreadable: {ex.Message}", ex);
        }

        CheckManifest(manifest, model, version);
        return manifest;
    }

    /// <summary>Checks the manifest on its own and against the folder it sits in.</summary>
    internal static void CheckManifest(ModelManifest manifest, string model, int version)
    {
        // Records deserialised from JSON can carry nulls where the file lacks a property.
        if (manifest.Tasks is null || manifest.Inputs is null || manifest.Outputs is null || manifest.Features?.Numeric is null
            || manifest.Features.Categorical is null || manifest.HyperParameters is null || manifest.OnnxSha256 is null)
        {
            throw new ModelLoadException($"{ModelFiles.Manifest} lacks one of tasks, inputs, outputs, features, hyperParameters, onnxSha256.");
        }

        if (manifest.SchemaVersion != ModelManifest.CurrentSchemaVersion)
        {
            throw new ModelLoadException($"Manifest schemaVersion {manifest.SchemaVersion} is not supported (this server reads {ModelManifest.CurrentSchemaVersion}).");
        }

        if (manifest.Name != model || manifest.Version != version)
        {
            throw new ModelLoadException($"Manifest names {manifest.Name}/{manifest.Version} but sits in folder {model}/{version}.");
        }

        if (!ModelArchitecture.All.Contains(manifest.Architecture))
        {
            throw new ModelLoadException($"Architecture '{manifest.Architecture}' is unknown; expected one of {string.Join(", ", ModelArchitecture.All)}.");
        }

        if (manifest.Tasks.Count == 0)
        {
            throw new ModelLoadException("Manifest has no tasks.");
        }

        var gated = ModelArchitecture.HasGates(manifest.Architecture);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in manifest.Tasks)
        {
            if (string.IsNullOrEmpty(task.Name) || ReservedNames.IsReservedTask(task.Name) || !names.Add(task.Name))
            {
                throw new ModelLoadException($"Task name '{task.Name}' is empty, reserved ({ReservedNames.Describe()}) or repeated.");
            }

            if (gated != (task.GateOutput is not null))
            {
                throw new ModelLoadException($"Task '{task.Name}' of a {manifest.Architecture} model {(gated ? "lacks" : "must not have")} a gate output.");
            }
        }

        if (gated && manifest.GateWidth < 1)
        {
            throw new ModelLoadException(
                $"Task gate widths [{string.Join(", ", manifest.Tasks.Select(manifest.GateWidthOf))}] must be one positive width shared by every task.");
        }

        var expected = ModelSignature.FromManifest(manifest);
        if (manifest.Inputs.Count != expected.Inputs.Count || expected.Inputs.Any(e => !manifest.Inputs.Any(i => SameSpec(i, e))))
        {
            throw new ModelLoadException(
                $"Manifest inputs [{Describe(manifest.Inputs)}] do not match its feature schema, which needs [{Describe(expected.Inputs)}].");
        }

        foreach (var output in expected.Outputs)
        {
            RequireOutput(manifest, output);
        }
    }

    private static void RequireOutput(ModelManifest manifest, TensorSpec expected)
    {
        if (!manifest.Outputs.Any(o => SameSpec(o, expected)))
        {
            throw new ModelLoadException($"Manifest outputs [{Describe(manifest.Outputs)}] lack {Describe([expected])}.");
        }
    }

    private static byte[] ReadOnnx(string directory, ModelManifest manifest)
    {
        var path = Path.Combine(directory, ModelFiles.Onnx);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"{ModelFiles.Onnx} is missing in {directory}.");
        }

        // One read serves both the checksum and the session, so the bytes checked are the bytes loaded.
        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha, manifest.OnnxSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException($"{ModelFiles.Onnx} SHA-256 is {sha} but the manifest says {manifest.OnnxSha256}.");
        }

        return bytes;
    }

    private static JsonObject? ReadExampleRequest(string directory)
    {
        var path = Path.Combine(directory, ModelFiles.Examples);
        try
        {
            var examples = File.Exists(path) ? ModelFiles.ReadExamples(path) : [];
            return examples.Count > 0 ? examples[0].Request : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // Examples only decorate the Swagger page; a broken file must not block serving.
            return null;
        }
    }

    /// <summary>The session's own view of its graph must agree with the manifest, name by name.</summary>
    private static void CheckGraph(InferenceSession session, ModelManifest manifest)
    {
        var inputs = session.InputMetadata;
        if (inputs.Count != manifest.Inputs.Count)
        {
            throw new ModelLoadException($"Graph inputs [{string.Join(", ", inputs.Keys)}] differ from manifest inputs [{Describe(manifest.Inputs)}].");
        }

        foreach (var spec in manifest.Inputs)
        {
            CheckNode("input", inputs, spec);
        }

        foreach (var spec in manifest.Outputs)
        {
            CheckNode("output", session.OutputMetadata, spec);
        }
    }

    private static void CheckNode(string kind, IReadOnlyDictionary<string, NodeMetadata> graph, TensorSpec spec)
    {
        if (!graph.TryGetValue(spec.Name, out var node) || !node.IsTensor)
        {
            throw new ModelLoadException($"Graph has no tensor {kind} '{spec.Name}'; it has [{string.Join(", ", graph.Keys)}].");
        }

        var type = node.ElementDataType switch
        {
            TensorElementType.Float => TensorSpec.Float,
            TensorElementType.Int64 => TensorSpec.Int64,
            var other => other.ToString().ToLowerInvariant(),
        };
        var shape = node.Dimensions.Select(d => (long)d).ToArray();
        if (type != spec.ElementType || !shape.SequenceEqual(spec.Shape.Select(d => d < 0 ? -1 : d)))
        {
            throw new ModelLoadException(
                $"Graph {kind} {Describe([new TensorSpec(spec.Name, type, shape)])} differs from the manifest's {Describe([spec])}.");
        }
    }

    /// <summary>
    /// Runs an all-missing batch so the first real request does not pay for lazy allocations, and proves the
    /// outputs are finite and the gates are distributions before the version is published.
    /// </summary>
    private void WarmUp(ModelSnapshot snapshot)
    {
        var rows = _options.WarmupRows;
        var encoder = new FeatureEncoder(snapshot.Manifest.Features);
        using var batch = EncodedBatch.Rent(rows, encoder.NumericWidth, encoder.CategoricalWidth);

        // Pooled buffers hold old data; zeros are the encoding of "missing" for both kinds.
        batch.Numeric.Span.Clear();
        batch.Categorical.Span.Clear();
        var stopwatch = Stopwatch.StartNew();
        InferenceResult result;
        try
        {
            using var runOptions = new RunOptions();
            result = snapshot.Onnx.Run(batch, includeGates: true, runOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"Warm-up run failed after {stopwatch.ElapsedMilliseconds} ms: {ex.Message}", ex);
        }

        var tasks = snapshot.Manifest.Tasks;
        try
        {
            for (var t = 0; t < tasks.Count; t++)
            {
                CheckWarmUpOutput(tasks[t].Output, result.Tasks[t], rows);
                if (result.Gates is { } gates)
                {
                    CheckWarmUpGate(tasks[t].GateOutput!, gates[t], rows, result.Experts);
                }
            }
        }
        finally
        {
            result.ReleaseGates();
        }
    }

    private static void CheckWarmUpOutput(string name, float[] values, int expected)
    {
        if (values.Length != expected)
        {
            throw new ModelLoadException($"Warm-up output '{name}' has {values.Length} values; expected {expected}.");
        }

        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                throw new ModelLoadException($"Warm-up output '{name}' is not finite.");
            }
        }
    }

    private static void CheckWarmUpGate(string name, float[] values, int rows, int experts)
    {
        CheckWarmUpOutput(name, values, rows * experts);
        for (var r = 0; r < rows; r++)
        {
            var sum = 0f;
            foreach (var w in values.AsSpan(r * experts, experts))
            {
                sum += w;
            }

            if (Math.Abs(sum - 1f) > 1e-3f)
            {
                throw new ModelLoadException($"Warm-up gate '{name}' sums to {sum}, not 1.");
            }
        }
    }

    private static bool SameSpec(TensorSpec actual, TensorSpec expected) =>
        actual.Name == expected.Name
        && actual.ElementType == expected.ElementType
        && actual.Shape.Select(d => d < 0 ? -1 : d).SequenceEqual(expected.Shape);

    private static string Describe(IEnumerable<TensorSpec> specs) =>
        string.Join(", ", specs.Select(s => $"{s.Name}:{s.ElementType}[{string.Join(",", s.Shape)}]"));
}
