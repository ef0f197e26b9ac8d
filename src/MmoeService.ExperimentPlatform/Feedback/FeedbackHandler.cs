using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MmoeService.Serving.Http;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>
/// <c>POST /feedback</c>: read and check the batch, write it in one store transaction, and answer 202 only once it
/// is committed. A store that cannot commit is a 503 with <c>Retry-After</c>; the batch was not written, so the
/// client resends it (writes are idempotent per request and item, latest time wins).
/// </summary>
public sealed partial class FeedbackHandler(
    IExperimentStore store, IOptions<FeedbackOptions> options, IOptions<OutcomeFieldOptions> fields, FeedbackMetrics metrics, TimeProvider time, ILogger<FeedbackHandler> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly FeedbackOptions _options = options.Value;

    public async Task<Results<Accepted<FeedbackReceipt>, ValidationProblem, ProblemHttpResult>> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        if (!http.Request.HasJsonContentType())
        {
            metrics.FeedbackRejected("invalid");
            return TypedResults.Problem(
                $"Send the body as application/json; got '{http.Request.ContentType ?? "no content type"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        using var body = await PooledBody.ReadAsync(http.Request, _options.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            metrics.FeedbackRejected("too_large");
            return TypedResults.Problem(
                $"The body may be at most {_options.MaxRequestBodyBytes} bytes ({FeedbackOptions.SectionName}:MaxRequestBodyBytes); split the batch.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
        }

        FeedbackRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<FeedbackRequest>(body.WrittenSpan, JsonOptions);
        }
        catch (JsonException ex)
        {
            metrics.FeedbackRejected("invalid");
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [path] = [PooledBody.FirstSentence(ex.Message)] },
                "The body is not a valid feedback batch.", title: "Malformed JSON");
        }

        var events = FeedbackValidator.Validate(request ?? new FeedbackRequest(), _options, fields.Value, time.GetUtcNow(), out var errors);
        if (events is null)
        {
            metrics.FeedbackRejected("invalid");
            return TypedResults.ValidationProblem(errors, "Nothing of the batch was written; fix the events named and resend it.", title: "Invalid feedback");
        }

        try
        {
            var result = await store.WriteFeedbackAsync(events, cancellationToken);
            metrics.FeedbackWritten(result.Written, result.Orphaned);
            return TypedResults.Accepted((string?)null, new FeedbackReceipt(result.Written, result.Orphaned));
        }
        catch (StoreUnavailableException ex)
        {
            metrics.FeedbackRejected("unavailable");
            StoreUnavailable(logger, ex, events.Count);
            http.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                $"The experiment store is unavailable; nothing of the batch was written. Retry after {_options.RetryAfterSeconds} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable");
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Error, Message = "Feedback batch of {Events} events refused with 503: the experiment store is unavailable")]
    private static partial void StoreUnavailable(ILogger logger, Exception exception, int events);
}
