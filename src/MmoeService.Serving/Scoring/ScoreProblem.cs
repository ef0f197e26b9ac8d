namespace MmoeService.Serving.Scoring;

/// <summary>Why a request was not scored: everything its RFC 9457 problem-details answer needs, and nothing HTTP-specific.</summary>
/// <param name="Status">HTTP status the endpoint answers with (400, 404, 413, 415, 499, 503...).</param>
/// <param name="Title">Short, stable summary.</param>
/// <param name="Detail">What to do about it.</param>
/// <param name="Errors">Field path (e.g. <c>candidates[3].features.duration</c>) to messages; makes the answer a validation problem.</param>
/// <param name="Extensions">Extra problem members such as <c>expectedFeatures</c>.</param>
/// <param name="RetryAfterSeconds">Seconds for a <c>Retry-After</c> header, when retrying later can succeed.</param>
public sealed record ScoreProblem(
    int Status,
    string Title,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null,
    int? RetryAfterSeconds = null)
{
    /// <summary>nginx's code for a client that closed the connection first; nobody reads the body.</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>The client hung up; not an error of the service.</summary>
    public static ScoreProblem ClientClosed { get; } = new(ClientClosedRequest, "Client closed request", "The client closed the request.");
}
