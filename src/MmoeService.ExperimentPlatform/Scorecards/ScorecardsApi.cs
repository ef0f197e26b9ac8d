using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Endpoints of the scorecards: the experiment list and each experiment's scorecard, read-only.</summary>
public static class ScorecardsApi
{
    /// <summary>Seconds a client should wait before asking again when the store is unreachable.</summary>
    private const int RetryAfterSeconds = 5;

    public static RouteGroupBuilder MapScorecards(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var experiments = app.MapGroup("/experiments").WithTags("Experiments");
        experiments.MapGet("/", (ExperimentCatalog catalog) => TypedResults.Ok(catalog.List()))
            .WithName("ListExperiments")
            .WithSummary("Every configured experiment: status, whether it routes /score, coverage, arms with model and weight, links to its scorecard and dashboard.");
        experiments.MapGet("/{name}/scorecard", GetScorecardAsync)
            .WithName("GetScorecard")
            .WithSummary("Per-arm, per-task rates with 95% intervals, calibration, AUC, latency percentiles and traffic; treatment against control lift per task (delta method clustered by user); sample-ratio test; gate weights and their drift from training. Read from rollups maintained on write.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return experiments;
    }

    private static async Task<Results<Ok<Scorecard>, ProblemHttpResult>> GetScorecardAsync(
        string name, ExperimentCatalog catalog, [FromServices] IExperimentStore store, HttpContext http, CancellationToken cancellationToken)
    {
        if (catalog.Find(name) is not { } design)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown experiment",
                detail: $"No experiment named '{name}' is configured; GET /experiments lists them.");
        }

        IReadOnlyList<ArmObservations> observations;
        try
        {
            observations = await store.ReadArmObservationsAsync(design.Name, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Experiment store unavailable",
                detail: ex.Message);
        }

        return TypedResults.Ok(catalog.Score(design, observations));
    }
}
