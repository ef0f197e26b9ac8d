using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MmoeService.Api.Experiments;
using MmoeService.Api.Models;
using MmoeService.Api.Observability;
using Serilog;

namespace MmoeService.Api.Scoring;

/// <summary>
/// The scoring pipeline of one request: read and check the body, route it to a model, lease that model's
/// served version, encode the features, run inference through <see cref="IInferenceRunner"/>, rank.
/// Every rejection becomes problem details here; the request's log event and metrics are written whatever
/// the outcome.
/// </summary>
public sealed class ScoreHandler(
    ScoreRequestReader reader,
    IModelRouter router,
    ModelRegistry registry,
    IInferenceRunner runner,
    IOptions<ScoringOptions> options,
    ApiMetrics metrics,
    UserIdHasher hasher,
    IDiagnosticContext diagnostics)
{
    /// <summary>nginx's code for a client that closed the connection first; nobody reads the body.</summary>
    public const int ClientClosedRequest = 499;

    private const string None = "none";

    /// <param name="http">The request.</param>
    /// <param name="model">A model named by the route (<c>/models/{name}/score</c>), or null to let the router choose.</param>
    public async Task<Results<Ok<ScoreResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(HttpContext http, string? model)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        string modelLabel = None, versionLabel = None, armLabel = None;
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            var request = await reader.ReadAsync(http.Request, cancellationToken);
            ScoreRequestValidator.Validate(request, settings.MaxCandidates);
            var requestId = request.RequestId ?? Guid.NewGuid().ToString("N");
            var candidates = request.Candidates!;
            diagnostics.Set("RequestId", requestId);
            diagnostics.Set("UserIdHash", hasher.Hash(request.UserId!));
            diagnostics.Set("CandidateCount", candidates.Count);

            var route = model is null ? router.Route(request.UserId!) : RouteDecision.Direct(model);
            if (!registry.IsConfigured(route.Model))
            {
                throw new ScoreRequestException(
                    StatusCodes.Status404NotFound,
                    "Unknown model",
                    $"Model '{route.Model}' is not configured; configured models: {string.Join(", ", registry.ModelNames)}.");
            }

            modelLabel = route.Model;
            armLabel = route.Arm;
            diagnostics.Set("Model", route.Model);
            diagnostics.Set("Experiment", route.Experiment);
            diagnostics.Set("Arm", route.Arm);
            if (!registry.TryAcquire(route.Model, out var lease))
            {
                http.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                throw new ScoreRequestException(
                    StatusCodes.Status503ServiceUnavailable,
                    "Model not loaded",
                    $"Model '{route.Model}' has no version loaded yet; retry after {settings.RetryAfterSeconds} s. GET /models shows its status.");
            }

            using (lease)
            {
                var snapshot = lease!.Snapshot;
                versionLabel = snapshot.Version.ToString(CultureInfo.InvariantCulture);
                diagnostics.Set("ModelVersion", snapshot.Version);
                metrics.Candidates(route.Model, candidates.Count);

                var batch = new FeatureVectoriser(snapshot.Encoder).Vectorise(request.Context, candidates!);
                var result = await runner.RunAsync(snapshot, batch, request.IncludeGates, cancellationToken);
                var tasks = snapshot.Manifest.Tasks;
                var items = ScoreCombiner.Rank(
                    candidates.Select(c => c!.ItemId!).ToArray(),
                    tasks.Select(t => t.Name).ToArray(),
                    tasks.Select(t => settings.Exponent(snapshot.Name, t.Name)).ToArray(),
                    result,
                    request.TopK);
                var info = new ModelInfo(snapshot.Name, snapshot.Version, snapshot.Manifest.Architecture, snapshot.ExecutionProvider);
                status = StatusCodes.Status200OK;
                return TypedResults.Ok(new ScoreResponse(requestId, route.Experiment, route.Arm, info, items));
            }
        }
        catch (ScoreRequestException ex)
        {
            status = ex.Status;
            return ex.Errors is { } errors
                ? TypedResults.ValidationProblem(errors, ex.Detail, title: ex.Title, extensions: ex.Extensions)
                : TypedResults.Problem(ex.Detail, statusCode: ex.Status, title: ex.Title, extensions: ex.Extensions);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up; not an error of the service.
            status = ClientClosedRequest;
            return TypedResults.Problem("The client closed the request.", statusCode: ClientClosedRequest, title: "Client closed request");
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            diagnostics.Set("ScoringMs", elapsed.TotalMilliseconds);
            metrics.ScoreRequest(modelLabel, versionLabel, armLabel, status, elapsed);
        }
    }
}
