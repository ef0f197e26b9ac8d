using System.Diagnostics;
using Microsoft.Extensions.Options;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Observability;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Scores one request, apart from the HTTP edge: validate → route → lease → encode → infer → rank, in one straight
/// method. Every step either passes its product on or ends the request with a <see cref="ScoreProblem"/>; nothing
/// here throws for bad input. The outcome is complete (answer or problem, plus the <see cref="ScoredRequest"/>), and
/// telemetry and every <see cref="IScoringObserver"/> see it once, at the end. Stateless, so one instance serves all.
/// </summary>
public sealed class ScoringPipeline(
    IModelRouter router,
    ModelRegistry registry,
    IInferenceRunner runner,
    IEnumerable<IScoringObserver> observers,
    ScoreTelemetry telemetry,
    UserIdHasher hasher,
    IOptions<ScoringOptions> options,
    TimeProvider time,
    ScoringPlans plans,
    InterleavedScoring interleaved)
{
    private readonly IScoringObserver[] _observers = [.. observers];

    /// <param name="request">The parsed request; the caller owns (and disposes) it.</param>
    /// <param name="model">A model named by the caller, or null to let the router choose. Only routed requests are
    /// experiment data; a named model bypasses the router (debugging, replaying examples).</param>
    /// <param name="cancellationToken">
    /// The client's cancellation, linked here with <see cref="ScoringOptions.RequestTimeout"/>; the linked token reaches
    /// the runner, so a direct run (<c>RunOptions.Terminate</c>) and a batcher stop alike. Cancelled ends as 499,
    /// timed out as 504.
    /// </param>
    public async Task<ScoreOutcome> ScoreAsync(ScoreInput request, string? model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var settings = options.Value;
        if (!ScoreRequestValidator.TryValidate(request, settings.MaxCandidates, out var valid, out var invalid))
        {
            return Finish(started, invalid, new Progress(request.RequestId, null, request.Count));
        }

        using var stages = ScoringActivities.Stages();
        stages?.Next("route");
        var route = model is null ? router.Route(valid.UserId) : RouteDecision.Direct(model);
        if (route.Interleaving is not null)
        {
            return Observe(await interleaved.ScoreAsync(valid, route, hasher.Hash(valid.UserId), started, cancellationToken));
        }

        var progress = new Progress(valid.RequestId, hasher.Hash(valid.UserId), valid.Count) { Route = route, Routed = model is null };
        if (!registry.IsConfigured(route.Model))
        {
            return Finish(started, UnknownModel(registry, route.Model), progress);
        }

        using var lease = registry.Acquire(route.Model);
        if (lease is null)
        {
            return Finish(started, NotLoaded(route.Model, settings.RetryAfterSeconds), progress);
        }

        var snapshot = lease.Snapshot;
        progress.Snapshot = snapshot;
        using var timeout = new CancellationTokenSource(settings.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        InferenceResult result;
        stages?.Next("encode");
        using (var batch = snapshot.Vectoriser.Encode(valid.Context, valid.Input.Columns, valid.Count, out var failure))
        {
            if (batch is null)
            {
                return Finish(started, ToProblem(failure!), progress);
            }

            try
            {
                // Gates feed the experiment's gate statistics even when the caller does not want them back.
                stages?.Next("infer");
                result = await runner.RunAsync(snapshot, batch, valid.IncludeGates || progress.Routed, linked.Token);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // The client's own hang-up wins the tie with the timeout.
                return Finish(started, cancellationToken.IsCancellationRequested ? ScoreProblem.ClientClosed : TimedOut(settings), progress);
            }
            catch (BatchQueueFullException ex)
            {
                return Finish(started, QueueFull(ex), progress);
            }
        }

        stages?.Next("rank");
        var items = ScoreCombiner.Rank(valid.ItemIds, plans.For(snapshot), result, valid.IncludeGates, valid.TopK, out var nonFinite);
        if (items is null)
        {
            result.ReleaseGates();
            return Finish(started, NonFinite(snapshot, nonFinite!), progress);
        }

        progress.Items = items;
        // Only routed requests become experiment data; a caller's own gates are in the answer already.
        progress.Gates = progress.Routed ? GateSummary.Of(result) : null;
        if (!items.IncludesGates)
        {
            // Fetched for the summary only: nothing reads them past this line. Otherwise the answer releases them.
            result.ReleaseGates();
        }

        var info = new ModelInfo(snapshot.Name, snapshot.Version, snapshot.Manifest.Architecture, snapshot.ExecutionProvider);
        var response = new ScoreResponse(valid.RequestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, info, items);
        stages?.Next("record");
        return Observe(new ScoreOutcome.Scored(progress.Complete(StatusCodes.Status200OK, Elapsed(started), time.GetUtcNow()), response));
    }

    /// <summary>Ends a request whose body could not be read or parsed; it is observed like any other.</summary>
    public ScoreOutcome Refuse(ScoreProblem problem, long started) =>
        Finish(started, problem, new Progress(null, null, 0));

    private ScoreOutcome Finish(long started, ScoreProblem problem, Progress progress) =>
        Observe(new ScoreOutcome.Rejected(progress.Complete(problem.Status, Elapsed(started), time.GetUtcNow()), problem));

    private ScoreOutcome Observe(ScoreOutcome outcome)
    {
        telemetry.Observe(outcome);
        foreach (var observer in _observers)
        {
            observer.Observe(outcome.Request);
        }

        return outcome;
    }

    private TimeSpan Elapsed(long started) => time.GetElapsedTime(started);

    internal static ScoreProblem UnknownModel(ModelRegistry registry, string model) => new(
        StatusCodes.Status404NotFound,
        "Unknown model",
        $"Model '{model}' is not configured; configured models: {string.Join(", ", registry.ModelNames)}.");

    internal static ScoreProblem NotLoaded(string model, int retryAfter) => new(
        StatusCodes.Status503ServiceUnavailable,
        "Model not loaded",
        $"Model '{model}' has no version loaded yet; retry after {retryAfter} s. GET /models shows its status.",
        RetryAfterSeconds: retryAfter);

    internal static ScoreProblem QueueFull(BatchQueueFullException ex) => new(
        StatusCodes.Status429TooManyRequests,
        "Too many requests",
        $"{ex.Message} Retry after {ex.RetryAfterSeconds} s.",
        RetryAfterSeconds: ex.RetryAfterSeconds);

    internal static ScoreProblem TimedOut(ScoringOptions settings) => new(
        StatusCodes.Status504GatewayTimeout,
        "Scoring timed out",
        $"Scoring took longer than {settings.RequestTimeout.TotalMilliseconds:0} ms ({ScoringOptions.SectionName}:RequestTimeout); the model run was stopped. Retry, or send fewer candidates.");

    /// <summary>
    /// The last line of defence for "never a non-finite score": inputs are range-checked, yet a model can still
    /// overflow or produce NaN (and a fractional exponent of a negative regression output is NaN). 422, not 5xx: the
    /// same request fails the same way on every retry and every replica, so it is about this input, not the service.
    /// </summary>
    internal static ScoreProblem NonFinite(ModelSnapshot snapshot, NonFiniteScore bad)
    {
        var message = bad.Task is { } task
            ? $"The model's '{snapshot.TaskNames[task]}' output is not a finite number for this candidate."
            : $"The combined score (Π task^exponent, {ScoringOptions.SectionName}:ScoreExponents) is not a finite number for this candidate.";
        return new ScoreProblem(
            StatusCodes.Status422UnprocessableEntity,
            "Non-finite score",
            $"Model '{snapshot.Name}' v{snapshot.Version} produced a value JSON cannot carry; no answer is better than a wrong one. Check the candidate's feature values and units.",
            new Dictionary<string, string[]> { [$"candidates[{bad.Row}]"] = [message] });
    }

    internal static ScoreProblem ToProblem(EncodingFailure failure) => new(
        StatusCodes.Status400BadRequest,
        failure.Title,
        failure.Detail,
        failure.Errors,
        failure.ExpectedFeatures is { } expected ? new Dictionary<string, object?> { ["expectedFeatures"] = expected } : null);

    /// <summary>What the request has reached so far; completed into the <see cref="ScoredRequest"/> observers see.</summary>
    private sealed class Progress(string? requestId, string? unitHash, int candidates)
    {
        public RouteDecision? Route { get; init; }

        public bool Routed { get; init; }

        public ModelSnapshot? Snapshot { get; set; }

        public RankedItems? Items { get; set; }

        public GateSummary? Gates { get; set; }

        public ScoredRequest Complete(int status, TimeSpan latency, DateTimeOffset now) => new(
            requestId,
            unitHash,
            candidates,
            Route,
            Routed,
            Snapshot?.Version,
            Snapshot?.TaskNames ?? [],
            Items is null ? [] : new RankedExposures(Items),
            Gates,
            status,
            latency,
            now);
    }
}
