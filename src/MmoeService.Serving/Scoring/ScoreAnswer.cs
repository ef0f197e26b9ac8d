using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The 200 answer of the score endpoints: <see cref="ScoreResponseWriter"/> writes it straight into the response
/// body's <c>PipeWriter</c> (no serializer, no intermediate buffer), and the endpoint still documents
/// <see cref="ScoreResponse"/> as its 200 schema.
/// </summary>
public sealed class ScoreAnswer(ScoreResponse response, int significantDigits) : IResult, IEndpointMetadataProvider
{
    public ScoreResponse Response { get; } = response;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var http = httpContext.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json; charset=utf-8";
        var body = http.BodyWriter;
        try
        {
            using var writer = new Utf8JsonWriter(body, ScoreResponseWriter.WriterOptions);
            ScoreResponseWriter.Write(writer, Response, significantDigits);
        }
        finally
        {
            // The JSON is in the pipe's own buffers now; the model outputs can go back before the flush.
            Response.Items.Release();
        }

        await body.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ScoreResponse), ["application/json"]));
    }
}
