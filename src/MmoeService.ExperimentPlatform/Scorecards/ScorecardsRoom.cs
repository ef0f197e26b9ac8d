using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Wiring of the Scorecards room: the experiment list and each experiment's scorecard, read-only.</summary>
public static class ScorecardsRoom
{
    /// <summary>Seconds a client should wait before asking again when the store is unreachable.</summary>
    private const int RetryAfterSeconds = 5;

    public static IHostApplicationBuilder AddScorecards(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ExperimentCatalog>();
        return builder;
    }

    public static RouteGroupBuilder MapScorecards(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var experiments = app.MapGroup("/experiments").WithTags("Experiments");
        experiments.MapGet("/", (ExperimentCatalog catalog) => TypedResults.Ok(catalog.List()))
            .WithName("ListExperiments")
            .WithSummary("Every configured experiment: status, whether it routes /score, coverage, arms with model and weight, links to its scorecard and dashboard.");
        experiments.MapGet("/{name}/scorecard", GetScorecardAsync)
            .WithName("GetScorecard")
            .WithSummary("Per-arm rates with 95% intervals, calibration, AUC, latency percentiles and traffic; treatment against control lift (delta method clustered by user); sample-ratio test; gate weights and their drift from training.")
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
