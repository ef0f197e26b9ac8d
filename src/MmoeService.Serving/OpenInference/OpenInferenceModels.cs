using System.Globalization;
using System.Reflection;
using MmoeService.Contracts;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Scoring;

namespace MmoeService.Serving.OpenInference;

/// <summary>
/// The Open Inference Protocol's (KServe v2) view of the served models, shared by its gRPC and REST edges. A model
/// takes one input tensor per manifest feature (shape [N]: numeric features FP64/FP32/INT64/INT32, categorical ones
/// BYTES or a number) and gives the graph's outputs (each task's [N], each gate's [N, experts]) in request order.
/// Inference goes through <see cref="ScoringPipeline"/> with the model named, like <c>POST /models/{name}/score</c>:
/// validation, limits, telemetry and problems are REST's; the caller's <c>user_id</c> parameter (optional) is only
/// hashed for the log.
/// </summary>
public sealed class OpenInferenceModels(ModelRegistry registry, ScoringPipeline pipeline, TimeProvider time)
{
    /// <summary>The server name in server metadata.</summary>
    public const string ServerName = "mmoe-service";

    /// <summary>The platform of every model (the protocol's convention for an ONNX graph).</summary>
    public const string Platform = "onnxruntime_onnx";

    /// <summary>The user id scored requests carry when the caller gives no <c>user_id</c> parameter.</summary>
    public const string AnonymousUser = "open-inference";

    public static string ServerVersion { get; } =
        typeof(OpenInferenceModels).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Every model has a version serving.</summary>
    public bool ServerReady => registry.AllServing;

    /// <summary>The model is configured, has a version serving and, when <paramref name="version"/> is given, serves that one.</summary>
    public bool IsReady(string name, string? version)
    {
        if (!registry.IsConfigured(name))
        {
            return false;
        }

        using var lease = registry.Acquire(name);
        return lease is not null && VersionMatches(lease.Snapshot, version);
    }

    /// <summary>Metadata of the served version, or the problem (404 unknown model or version, 503 not loaded).</summary>
    public ModelMetadata? Metadata(string name, string? version, out ScoreProblem? problem)
    {
        using var lease = Lease(name, version, out problem);
        if (lease is null)
        {
            return null;
        }

        var snapshot = lease.Snapshot;
        var manifest = snapshot.Manifest;
        var inputs = new List<TensorMetadata>();
        inputs.AddRange(manifest.Features.Numeric.Select(f => new TensorMetadata(f.Name, "FP64", [-1])));
        inputs.AddRange(manifest.Features.Categorical.Select(f => new TensorMetadata(f.Name, "BYTES", [-1])));
        var outputs = new List<TensorMetadata>();
        outputs.AddRange(manifest.Tasks.Select(t => new TensorMetadata(t.Output, "FP32", [-1])));
        outputs.AddRange(manifest.Tasks.Where(t => t.GateOutput is not null).Select(t => new TensorMetadata(t.GateOutput!, "FP32", [-1, manifest.Experts])));
        return new ModelMetadata(snapshot.Name, [Version(snapshot)], Platform, inputs, outputs);
    }

    /// <summary>Scores the inputs with <paramref name="name"/>; the answer, or the problem (with REST's statuses).</summary>
    public async Task<(InferAnswer? Answer, ScoreProblem? Problem)> InferAsync(
        string name,
        string? version,
        string? id,
        string? userId,
        IReadOnlyList<InferInput> inputs,
        IReadOnlyList<string>? requestedOutputs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var started = time.GetTimestamp();
        TaskHead[] tasks;
        using (var lease = Lease(name, version, out var problem))
        {
            if (lease is null)
            {
                pipeline.Refuse(problem!, started);
                return (null, problem);
            }

            tasks = [.. lease.Snapshot.Manifest.Tasks];
        }

        var shapeProblem = CheckInputs(inputs, tasks, requestedOutputs, out var rows);
        if (shapeProblem is not null)
        {
            pipeline.Refuse(shapeProblem, started);
            return (null, shapeProblem);
        }

        var wantsGates = requestedOutputs is null || requestedOutputs.Count == 0 || tasks.Any(t => t.GateOutput is { } gate && requestedOutputs.Contains(gate));
        ScoreOutcome outcome;
        using (var input = ToScoreInput(inputs, rows, id, userId, wantsGates))
        {
            outcome = await pipeline.ScoreAsync(input, name, cancellationToken);
        }

        if (outcome is ScoreOutcome.Rejected { Problem: var refused })
        {
            return (null, refused);
        }

        var response = ((ScoreOutcome.Scored)outcome).Response;
        // A named model bypasses the router, so the answer is that one model's ranking, never an interleaving.
        var result = ((RankedItems)response.Items).Result;
        var outputs = new List<InferOutput>();
        try
        {
            for (var t = 0; t < tasks.Length; t++)
            {
                if (Wanted(tasks[t].Output, requestedOutputs))
                {
                    outputs.Add(new InferOutput(tasks[t].Output, [rows], result.Tasks[t].AsSpan(0, rows).ToArray()));
                }

                if (tasks[t].GateOutput is { } gate && result.Gates is { } gates && Wanted(gate, requestedOutputs))
                {
                    outputs.Add(new InferOutput(gate, [rows, result.Experts], gates[t].AsSpan(0, rows * result.Experts).ToArray()));
                }
            }
        }
        finally
        {
            // The outputs are copies; the run's pooled gates go back here.
            response.Items.Release();
        }

        return (new InferAnswer(response.Model.Name, response.Model.Version.ToString(CultureInfo.InvariantCulture), id, outputs), null);
    }

    private ModelLease? Lease(string name, string? version, out ScoreProblem? problem)
    {
        if (!registry.IsConfigured(name))
        {
            problem = new ScoreProblem(StatusCodes.Status404NotFound, "Unknown model", $"Model '{name}' is not configured; configured models: {string.Join(", ", registry.ModelNames)}.");
            return null;
        }

        var lease = registry.Acquire(name);
        try
        {
            if (lease is null)
            {
                problem = new ScoreProblem(StatusCodes.Status503ServiceUnavailable, "Model not loaded", $"Model '{name}' has no version loaded yet.", RetryAfterSeconds: 5);
                return null;
            }

            if (!VersionMatches(lease.Snapshot, version))
            {
                problem = new ScoreProblem(StatusCodes.Status404NotFound, "Model version not served", $"Model '{name}' serves version {lease.Snapshot.Version}, not '{version}'.");
                return null;
            }

            // The caller owns the lease from here on.
            problem = null;
            var kept = lease;
            lease = null;
            return kept;
        }
        finally
        {
            lease?.Dispose();
        }
    }

    private static bool VersionMatches(ModelSnapshot snapshot, string? version) =>
        string.IsNullOrEmpty(version) || string.Equals(version, Version(snapshot), StringComparison.Ordinal);

    private static string Version(ModelSnapshot snapshot) => snapshot.Version.ToString(CultureInfo.InvariantCulture);

    private static bool Wanted(string output, IReadOnlyList<string>? requested) =>
        requested is null || requested.Count == 0 || requested.Contains(output);

    /// <summary>Every input is one value per candidate, the same count for all; every requested output exists.</summary>
    private static ScoreProblem? CheckInputs(IReadOnlyList<InferInput> inputs, TaskHead[] tasks, IReadOnlyList<string>? requested, out int rows)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        rows = inputs.Count > 0 ? inputs[0].Length : 0;
        if (inputs.Count == 0)
        {
            errors["inputs"] = ["At least one input tensor (a feature) is required."];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var elements = input.Shape.Length == 0 ? 0 : input.Shape.Aggregate(1L, (a, b) => a * b);
            if (!seen.Add(input.Name))
            {
                errors[$"inputs[{i}]"] = [$"Input '{input.Name}' is given twice."];
            }
            else if (input.Shape.Length is < 1 or > 2 || (input.Shape.Length == 2 && input.Shape[1] != 1))
            {
                errors[$"inputs[{i}].shape"] = [$"Input '{input.Name}' must have shape [N] or [N, 1], one value per candidate."];
            }
            else if (elements != input.Length)
            {
                errors[$"inputs[{i}].data"] = [$"Input '{input.Name}' has {input.Length} values for shape [{string.Join(", ", input.Shape)}]."];
            }
            else if (input.Length != rows)
            {
                errors[$"inputs[{i}].shape"] = [$"Input '{input.Name}' has {input.Length} candidates; the first input has {rows}."];
            }
        }

        if (rows == 0 && inputs.Count > 0)
        {
            errors["inputs"] = ["The inputs hold no candidates."];
        }

        var known = tasks.Select(t => t.Output).Concat(tasks.Select(t => t.GateOutput).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var output in requested ?? Array.Empty<string>())
        {
            if (!known.Contains(output))
            {
                errors[$"outputs.{output}"] = [$"The model has no output '{output}'; it has {string.Join(", ", known)}."];
            }
        }

        return errors.Count == 0
            ? null
            : new ScoreProblem(StatusCodes.Status400BadRequest, "Invalid inference request", "See errors for each field to fix.", errors);
    }

    private static ScoreInput ToScoreInput(IReadOnlyList<InferInput> inputs, int rows, string? id, string? userId, bool includeGates)
    {
        var input = new ScoreInput
        {
            UserId = string.IsNullOrWhiteSpace(userId) ? AnonymousUser : userId,
            RequestId = id,
            IncludeGates = includeGates,
            ItemIds = ItemIdTable.RowNumbers(rows),
        };
        foreach (var tensor in inputs)
        {
            // NaN and the empty text are the tensors' "missing": the row stays absent, as an omitted JSON feature.
            var column = input.Column(tensor.Name, rows);
            for (var row = 0; row < rows; row++)
            {
                var value = tensor.Numbers is { } numbers
                    ? double.IsNaN(numbers[row]) ? FeatureValue.Missing : FeatureValue.FromNumber(numbers[row])
                    : tensor.Texts![row] is { Length: > 0 } text ? FeatureValue.FromText(text) : FeatureValue.Missing;
                if (!value.IsMissing)
                {
                    column.TrySet(row, value);
                }
            }
        }

        return input;
    }
}
