using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using MmoeService.Serving.Http;
using MmoeService.Serving.Observability;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// Reads and parses a <c>POST /score</c> body by hand rather than through minimal-API binding, so every way a
/// body can be wrong gets its own problem details: 415 for a non-JSON content type, 413 past
/// <see cref="ScoringOptions.MaxRequestBodyBytes"/>, 400 with the JSON path for malformed JSON or a wrong type.
/// </summary>
public sealed class ScoreRequestReader(IOptions<ScoringOptions> options)
{
    /// <summary>Strict parsing: numbers must be numbers, a repeated property is an error rather than last-wins.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        Converters = { new FeatureValueJsonConverter() },
        TypeInfoResolver = ScoringJsonContext.Default,
    };

    private static readonly JsonTypeInfo<ScoreRequest> RequestType = (JsonTypeInfo<ScoreRequest>)JsonOptions.GetTypeInfo(typeof(ScoreRequest));

    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    /// <summary>The parsed body, or the problem (415, 413 or 400) that stops it from being scored.</summary>
    public async Task<(ScoreRequest? Request, ScoreProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ScoringActivities.Start("parse");
        if (!request.HasJsonContentType())
        {
            return (null, new ScoreProblem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Send the body as application/json; got '{request.ContentType ?? "no content type"}'."));
        }

        var (body, problem) = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        using var read = body;
        try
        {
            var parsed = Parse(body.WrittenSpan);
            return parsed is null
                ? (null, new ScoreProblem(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object, not null."))
                : (parsed, null);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? null : ex.Path;
            return (null, new ScoreProblem(
                StatusCodes.Status400BadRequest,
                "Malformed JSON",
                ex.Message,
                path is null ? null : new Dictionary<string, string[]> { [path.TrimStart('$', '.')] = [PooledBody.FirstSentence(ex.Message)] }));
        }
    }

    /// <summary>Parses a UTF-8 body with the strict options; null for a JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">Malformed JSON, a wrong type, a repeated property or a bad feature value.</exception>
    public static ScoreRequest? Parse(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, RequestType);

    private async Task<(PooledBody? Body, ScoreProblem? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var body = await PooledBody.ReadAsync(request, _limit, cancellationToken);
            return body is null ? (null, TooLarge()) : (body, null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, new ScoreProblem(ex.StatusCode, "Bad request body", ex.Message));
        }
    }

    private ScoreProblem TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        $"The body may be at most {_limit} bytes ({ScoringOptions.SectionName}:MaxRequestBodyBytes).");
}
