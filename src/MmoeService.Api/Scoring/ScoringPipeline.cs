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
    ScoreTelemetry telemetry)
{
    /// <param name="request">The parsed body.</param>
    /// <param name="model">A model named by the route, or null to let the router choose.</param>
    /// <param name="cancellationToken">The client's cancellation; a cancelled request ends as 499.</param>
    public async Task<ScoreOutcome> ScoreAsync(ScoreRequest request, string? model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var outcome = await ScoreValidatedAsync(request, model, started, cancellationToken);
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

    private async Task<ScoreOutcome> ScoreValidatedAsync(ScoreRequest request, string? model, long started, CancellationToken cancellationToken)
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
        var (outcome, version) = await ScoreRoutedAsync(valid, route, unitHash, recorded, started, cancellationToken);
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
                return (new ScoreOutcome.Rejected(ScoreProblem.ClientClosed), snapshot.Version);
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

        var items = Rank(request, snapshot, request.IncludeGates ? result : result with { Gates = null });
        if (recorded)
        {
            exposures.Scored(request.RequestId, unitHash, route, snapshot.Version, snapshot.TaskNames, new RankedExposures(items), result, Stopwatch.GetElapsedTime(started));
        }

        var info = new ModelInfo(snapshot.Name, snapshot.Version, snapshot.Manifest.Architecture, snapshot.ExecutionProvider);
        var response = new ScoreResponse(request.RequestId, route.Experiment, route.Arm, route.Enrolled, route.Reason, info, items);
        return (new ScoreOutcome.Scored(response), snapshot.Version);
    }

    private RankedItems Rank(ValidScoreRequest request, ModelSnapshot snapshot, InferenceResult result)
    {
        var settings = options.Value;
        var exponents = new double[snapshot.TaskNames.Count];
        for (var t = 0; t < exponents.Length; t++)
        {
            exponents[t] = settings.Exponent(snapshot.Name, snapshot.TaskNames[t]);
        }

        return ScoreCombiner.Rank(request.ItemIds, snapshot.TaskNames, exponents, result, request.TopK);
    }

    private static ScoreProblem ToProblem(EncodingFailure failure) => new(
        StatusCodes.Status400BadRequest,
        failure.Title,
        failure.Detail,
        failure.Errors,
        failure.ExpectedFeatures is { } expected ? new Dictionary<string, object?> { ["expectedFeatures"] = expected } : null);
}
