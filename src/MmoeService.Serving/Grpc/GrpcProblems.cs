using System.Globalization;
using global::Grpc.Core;
using MmoeService.Serving.Scoring;

namespace MmoeService.Serving.Grpc;

/// <summary>
/// The pipeline's problems as gRPC statuses: the HTTP status picks the code, the title and detail become the
/// status detail, and the structured parts travel as trailers (<c>problem-status</c>, <c>retry-after</c>, one
/// <c>field-error</c> per failing field as <c>path: message</c>), so a client sees what REST's problem details say.
/// </summary>
public static class GrpcProblems
{
    public static StatusCode Code(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType => StatusCode.InvalidArgument,
        StatusCodes.Status404NotFound => StatusCode.NotFound,
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
        StatusCodes.Status422UnprocessableEntity => StatusCode.FailedPrecondition,
        ScoreProblem.ClientClosedRequest => StatusCode.Cancelled,
        StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
        StatusCodes.Status504GatewayTimeout => StatusCode.DeadlineExceeded,
        _ => StatusCode.Internal,
    };

    public static RpcException ToException(ScoreProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var trailers = new Metadata { { "problem-status", problem.Status.ToString(CultureInfo.InvariantCulture) } };
        if (problem.RetryAfterSeconds is { } seconds)
        {
            trailers.Add("retry-after", seconds.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (path, messages) in problem.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                trailers.Add("field-error", Ascii($"{path}: {message}"));
            }
        }

        return new RpcException(new Status(Code(problem.Status), $"{problem.Title}: {problem.Detail}"), trailers);
    }

    /// <summary>gRPC metadata values are ASCII; anything else (a caller's feature name, "Π") becomes '?'.</summary>
    private static string Ascii(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
        }
    });
}
