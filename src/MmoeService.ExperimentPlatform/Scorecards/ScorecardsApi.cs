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
            .WithSummary("Lists the configured A/B experiments.")
            .WithDescription(
                "Every configured experiment with its status, whether it is the one routing `POST /score`, the percent of users " +
                "enrolled, its arms with their model and weight (control first), and links to its scorecard and dashboard.");
        experiments.MapGet("/{name}/scorecard", GetScorecardAsync)
            .WithName("GetScorecard")
            .WithSummary("Reads an experiment's scorecard.")
            .WithDescription(
                "Read from per-arm, per-task sums maintained as exposures and feedback are recorded: per arm and task the rates " +
                "with 95% intervals, calibration and AUC of the predictions, latency percentiles and traffic; every treatment arm " +
                "against control per task (absolute and relative lift, delta method clustered by user) read two ways: an always-valid " +
                "confidence sequence that holds at every look, and the fixed-horizon Wald test valid only at the planned units, " +
                "with the minimum detectable effect, a verdict, Holm's correction when there are several treatment arms, and the " +
                "CUPED-adjusted lift from each user's pre-experiment feedback; the sample-ratio test, " +
                "which flags broken assignment; and, for gated arms, the gate weights and their drift from training. 404 for an " +
                "experiment that is not configured; 503 with Retry-After while the store cannot be read.")
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
