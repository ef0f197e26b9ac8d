namespace MmoeService.Api.Scoring;

/// <summary>
/// A request the service will not score, with everything its problem details answer needs. Thrown from deep
/// in reading, validation and encoding, caught once in <see cref="ScoreHandler"/>; never a 500.
/// </summary>
public sealed class ScoreRequestException : Exception
{
    public ScoreRequestException() : this(StatusCodes.Status400BadRequest, "Bad request") { }

    public ScoreRequestException(string message) : this(StatusCodes.Status400BadRequest, message) { }

    public ScoreRequestException(string message, Exception innerException) : base(message, innerException) => Title = message;

    public ScoreRequestException(
        int status,
        string title,
        string? detail = null,
        IDictionary<string, string[]>? errors = null,
        IDictionary<string, object?>? extensions = null)
        : base(detail ?? title)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
        Extensions = extensions;
    }

    public int Status { get; } = StatusCodes.Status400BadRequest;

    public string Title { get; }

    public string? Detail { get; }

    /// <summary>Field path (e.g. <c>candidates[3].features.duration</c>) to messages; makes the answer a validation problem.</summary>
    public IDictionary<string, string[]>? Errors { get; }

    /// <summary>Extra problem members such as <c>expectedFeatures</c>.</summary>
    public IDictionary<string, object?>? Extensions { get; }
}
