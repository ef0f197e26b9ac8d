using Microsoft.Extensions.Options;

namespace MmoeService.Api.Scoring;

/// <summary>Wiring of the Scoring room: options, body reader, inference runner, the handler and its two routes.</summary>
public static class ScoringRoom
{
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ScoringOptions>()
            .BindConfiguration(ScoringOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();
        builder.Services.AddSingleton<ScoreRequestReader>();
        builder.Services.AddSingleton<IInferenceRunner, OnnxInferenceRunner>();
        builder.Services.AddSingleton<ScoreHandler>();
        return builder;
    }

    public static RouteGroupBuilder MapScoring(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scoring = app.MapGroup("/").WithTags("Scoring");
        scoring.MapPost("/score", (HttpContext http, ScoreHandler handler) => handler.HandleAsync(http, model: null))
            .WithName("Score")
            .WithSummary("Scores and ranks candidates for one user with the model the router picks (the default model for now).")
            .WithDescription(Description)
            .Accepts<ScoreRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        scoring.MapPost("/models/{name}/score", (string name, HttpContext http, ScoreHandler handler) => handler.HandleAsync(http, name))
            .WithName("ScoreWithModel")
            .WithSummary("Scores with the named model, bypassing the router (debugging, replaying examples.json, shadow checks).")
            .WithDescription(Description)
            .Accepts<ScoreRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return scoring;
    }

    private const string Description =
        "Feature names and kinds come from the model's manifest (GET /models lists them). Context features apply to " +
        "every candidate; a name given in both places is a 400. Items come back sorted by score = Π task^exponent " +
        "(exponents per model in Scoring:ScoreExponents, default 1), cut to topK. Every error is RFC 9457 problem " +
        "details with a traceId; 503 with Retry-After while no version of the model is loaded.";
}
