using System.Diagnostics;
using Microsoft.Extensions.Options;
using MmoeService.Api.Batching;
using MmoeService.Api.Experiments;
using MmoeService.Api.Exposures;
using MmoeService.Api.Inference;
using MmoeService.Api.Models;

namespace MmoeService.Api.Scoring;

/// <summary>
/// Scores one request, apart from HTTP: validate → route → lease → encode → infer → rank → record. Every step
/// either passes its product on or ends the request with a <see cref="ScoreProblem"/>; nothing here throws for
/// bad input. Routed requests (<c>/score</c>) are recorded as exposures whatever their outcome; requests that name
/// their model (<c>/models/{name}/score</c>) bypass the router and the experiment data. One per request (scoped),
/// because its telemetry collects the request's labels as it goes.
/// </summary>
public sealed class ScoringPipeline(
    IModelRouter router,
    ModelRegistry registry,
    IInferenceRunner runner,
    ExposureRecorder exposures,
    IOptions<ScoringOptions> options,
    ScoreTelemetry telemetry,
    TimeProvider time)
{
    /// <param name="request">The parsed body.</param>
    /// <param name="model">A model named by the route, or null to let the router choose.</param>
    /// <param name="cancellationToken">
    /// The client's cancellation; a cancelled request ends as 499. The pipeline links it with
    /// <see cref="ScoringOptions.RequestTimeout"/> and hands the linked token to the runner, so a direct run
    /// (<c>RunOptions.Terminate</c>) and a batcher stop alike; a timed-out request ends as 504.
    /// </param>
    public async Task<ScoreOutcome> ScoreAsync(ScoreRequest request, string? model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Value.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ScoreOutcome outcome;
        try
        {
            outcome = await ScoreValidatedAsync(request, model, started, cancellationToken, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Cancelled outside the inference step (which maps its own cancellation to an outcome).
            outcome = new ScoreOutcome.Rejected(cancellationToken.IsCancellationRequested ? ScoreProblem.ClientClosed : TimedOut());
        }

        telemetry.Completed(outcome is ScoreOutcome.Rejected rejected ? rejected.Problem.Status : StatusCodes.Status200OK, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    /// <summary>Ends a request whose body could not be read or parsed (it still counts in the request metrics).</summary>
    public ScoreOutcome Unread(ScoreProblem problem, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        telemetry.Completed(problem.Status, elapsed);
        return new ScoreOutcome.Rejected(problem);
    }

    private async Task<ScoreOutcome> ScoreValidatedAsync(ScoreRequest request, string? model, long started, CancellationToken client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!ScoreRequestValidator.TryValidate(request, settings.MaxCandidates, out var valid, out var invalid))
        {
            return new ScoreOutcome.Rejected(invalid);
        }

        var unitHash = telemetry.Identify(valid);
        var route = model is null ? router.Route(valid.UserId) : RouteDecision.Direct(model);
        if (!registry.IsConfigured(route.Model))
        {
            return new ScoreOutcome.Rejected(new ScoreProblem(
                StatusCodes.Status404NotFound,
                "Unknown model",
                $"Model '{route.Model}' is not configured; configured models: {string.Join(", ", registry.ModelNames)}."));
        }

        telemetry.Routed(route);
        var recorded = model is null;
        var (outcome, version) = await ScoreRoutedAsync(valid, route, unitHash, recorded, started, client, cancellationToken);
        if (recorded && outcome is ScoreOutcome.Rejected { Problem: var problem })
        {
            exposures.Failed(valid.RequestId, unitHash, route, version, problem.Status, Stopwatch.GetElapsedTime(started));
        }

        return outcome;
    }

    private async Task<(ScoreOutcome Outcome, int? Version)> ScoreRoutedAsync(
        ValidScoreRequest request,
        RouteDecision route,
        string unitHash,
        bool recorded,
        long started,
        CancellationToken client,
        CancellationToken cancellationToken)
    {
        using var lease = registry.Acquire(route.Model);
        if (lease is null)
        {
            var retryAfter = options.Value.RetryAfterSeconds;
            return (new ScoreOutcome.Rejected(new ScoreProblem(
                StatusCodes.Status503ServiceUnavailable,
                "Model not loaded",
                $"Model '{route.Model}' has no version loaded yet; retry after {retryAfter} s. GET /models shows its status.",
                RetryAfterSeconds: retryAfter)), null);
        }

        var snapshot = lease.Snapshot;
        telemetry.Leased(snapshot, request.ItemIds.Count);
        InferenceResult result;
        using (var batch = snapshot.Vectoriser.Encode(request.Context, request.CandidateFeatures, out var failure))
        {
            if (batch is null)
            {
                return (new ScoreOutcome.Rejected(ToProblem(failure!)), snapshot.Version);
            }

            try
            {
                // Gates feed the experiment's gate statistics even when the caller does not want them back.
                result = await runner.RunAsync(snapshot, batch, request.IncludeGates || recorded, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The token is the client's linked with the timeout; the client's own hang-up wins the tie.
                return (new ScoreOutcome.Rejected(client.IsCancellationRequested ? ScoreProblem.ClientClosed : TimedOut()), snapshot.Version);
            }
            catch (BatchQueueFullException ex)
            {
                return (new ScoreOutcome.Rejected(new ScoreProblem(
                    StatusCodes.Status429TooManyRequests,
                    "Too many requests",
                    $"{ex.Message} Retry after {ex.RetryAfterSeconds} s.",
                    RetryAfterSeconds: ex.RetryAfterSeconds)), snapshot.Version);
            }
        }

        var exponents = Exponents(snapshot);
        if (NonFinite(snapshot, result, exponents) is { } nonFinite)
        {
            return (new ScoreOutcome.Rejected(nonFinite), snapshot.Version);
        }

        var items = ScoreCombiner.Rank(request.ItemIds, snapshot.TaskNames, exponents, request.IncludeGates ? result : result with { Gates = null }, request.TopK);
        if (recorded)
        {
            exposures.Scored(request.RequestId, unitHash, route, snapshot.Version, snapshot.TaskNames, new RankedExposures(items), result, Stopwatch.GetElapsedTime(started));
        }

        var info = new ModelInfo(snapshot.Name, snapshot.Version, snapshot.Manifest.Architecture, snapshot.ExecutionProvider);
        var response = new ScoreResponse(request.RequestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, info, items);
        return (new ScoreOutcome.Scored(response), snapshot.Version);
    }

    private ScoreProblem TimedOut()
    {
        var limit = options.Value.RequestTimeout;
        return new ScoreProblem(
            StatusCodes.Status504GatewayTimeout,
            "Scoring timed out",
            $"Scoring took longer than {limit.TotalMilliseconds:0} ms ({ScoringOptions.SectionName}:RequestTimeout); the model run was stopped. Retry, or send fewer candidates.");
    }

    /// <summary>The configured exponent of each task of <paramref name="snapshot"/>, in task order.</summary>
    private double[] Exponents(ModelSnapshot snapshot)
    {
        var settings = options.Value;
        var exponents = new double[snapshot.TaskNames.Count];
        for (var t = 0; t < exponents.Length; t++)
        {
            exponents[t] = settings.Exponent(snapshot.Name, snapshot.TaskNames[t]);
        }

        return exponents;
    }

    /// <summary>
    /// The last line of defence for "never a non-finite score": inputs are range-checked, yet a model can still
    /// overflow or produce NaN (and a fractional exponent of a negative regression output is NaN). JSON cannot
    /// carry either, so instead of answering null the request is rejected. 422, not 5xx: the same request fails
    /// the same way on every retry and every replica, so it is about this input, not about the service's health.
    /// </summary>
    /// <remarks>
    /// Checks the run's outputs and the combined score <c>Π task^exponent</c> of every row before ranking, so it
    /// depends on nothing but the <see cref="InferenceResult"/> and the configured exponents.
    /// </remarks>
    private ScoreProblem? NonFinite(ModelSnapshot snapshot, InferenceResult result, double[] exponents)
    {
        for (var row = 0; row < result.Rows; row++)
        {
            var score = 1.0;
            for (var t = 0; t < result.Tasks.Count; t++)
            {
                var output = result.Tasks[t][row];
                if (!float.IsFinite(output))
                {
                    return NonFiniteProblem(snapshot, $"candidates[{row}]", $"The model's '{snapshot.TaskNames[t]}' output is not a finite number for this candidate.");
                }

                score *= exponents[t] == 0 ? 1.0 : Math.Pow(output, exponents[t]);
            }

            if (!double.IsFinite(score))
            {
                return NonFiniteProblem(snapshot, $"candidates[{row}]", $"The combined score (Π task^exponent, {ScoringOptions.SectionName}:ScoreExponents) is not a finite number for this candidate.");
            }
        }

        return null;
    }

    private ScoreProblem NonFiniteProblem(ModelSnapshot snapshot, string path, string message)
    {
        telemetry.NonFiniteOutput(snapshot, path);
        return new ScoreProblem(
            StatusCodes.Status422UnprocessableEntity,
            "Non-finite score",
            $"Model '{snapshot.Name}' v{snapshot.Version} produced a value JSON cannot carry; no answer is better than a wrong one. Check the candidate's feature values and units.",
            new Dictionary<string, string[]> { [path] = [message] });
    }

    private static ScoreProblem ToProblem(EncodingFailure failure) => new(
        StatusCodes.Status400BadRequest,
        failure.Title,
        failure.Detail,
        failure.Errors,
        failure.ExpectedFeatures is { } expected ? new Dictionary<string, object?> { ["expectedFeatures"] = expected } : null);
}
