using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The Scoring routes, <c>POST /score</c> and <c>POST /models/{name}/score</c>: the HTTP edge only. Read the body,
/// hand it to <see cref="ScoringPipeline"/>, map its outcome to TypedResults.
/// </summary>
public static class ScoringApi
{
    public static RouteGroupBuilder MapScoring(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scoring = app.MapGroup("/").WithTags("Scoring");
        scoring.MapPost("/score", (HttpContext http, ScoreRequestReader reader, ScoringPipeline pipeline, IOptions<ScoringOptions> options, TimeProvider time) => ScoreAsync(http, reader, pipeline, options, time, model: null))
            .WithName("Score")
            .WithSummary("Scores and ranks candidate items for one user.")
            .WithDescription(Description)
            .Accepts<ScoreRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        scoring.MapPost("/models/{name}/score", (string name, HttpContext http, ScoreRequestReader reader, ScoringPipeline pipeline, IOptions<ScoringOptions> options, TimeProvider time) => ScoreAsync(http, reader, pipeline, options, time, name))
            .WithName("ScoreWithModel")
            .WithSummary("Scores with a named model, outside any experiment.")
            .WithDescription(Description)
            .Accepts<ScoreRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        return scoring;
    }

    private static async Task<Results<ScoreAnswer, ValidationProblem, ProblemHttpResult>> ScoreAsync(
        HttpContext http,
        ScoreRequestReader reader,
        ScoringPipeline pipeline,
        IOptions<ScoringOptions> options,
        TimeProvider time,
        string? model)
    {
        var started = time.GetTimestamp();
        var cancellationToken = http.RequestAborted;
        ScoreOutcome outcome;
        try
        {
            var (request, unreadable) = await reader.ReadAsync(http.Request, cancellationToken);
            using (request)
            {
                outcome = request is null
                    ? pipeline.Refuse(unreadable!, started)
                    : await pipeline.ScoreAsync(request, model, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up while its body was still arriving; the pipeline maps its own cancellations.
            outcome = pipeline.Refuse(ScoreProblem.ClientClosed, started);
        }

        return outcome switch
        {
            ScoreOutcome.Scored { Response: var response } => new ScoreAnswer(response, options.Value.SignificantDigits),
            ScoreOutcome.Rejected { Problem: var problem } => ToResult(http, problem),
            _ => throw new UnreachableException(),
        };
    }

    private static Results<ScoreAnswer, ValidationProblem, ProblemHttpResult> ToResult(HttpContext http, ScoreProblem problem)
    {
        if (problem.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var extensions = problem.Extensions ?? new Dictionary<string, object?>();
        if (problem.Errors is { } errors && problem.Status == StatusCodes.Status400BadRequest)
        {
            return TypedResults.ValidationProblem(errors, problem.Detail, title: problem.Title, extensions: extensions);
        }

        // A validation problem is always 400; other statuses (422) carry the same errors member as an extension.
        if (problem.Errors is { } otherErrors)
        {
            extensions = new Dictionary<string, object?>(extensions) { ["errors"] = otherErrors };
        }

        return TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title, extensions: extensions);
    }

    private const string Description =
        "`POST /score` uses the model of the user's experiment arm (or the default model); `POST /models/{name}/score` uses " +
        "the named model and is not counted in any experiment (debugging, replaying a model's examples). Feature names and " +
        "kinds come from the model (`GET /models` lists them). Context features apply to every candidate; a name given in " +
        "both places is a 400. Items come back sorted by score = Π task^exponent (exponents per model in " +
        "Scoring:ScoreExponents, default 1), cut to topK. 422 when the model produces a value that is not a finite number " +
        "for a candidate; 429 and 503 carry Retry-After (service busy, or no version of the model loaded yet); 504 when " +
        "scoring took longer than Scoring:RequestTimeout.";
}
