namespace MmoeService.Api.Observability;

/// <summary>
/// Where traces go. Spans are always made (ASP.NET Core, HttpClient, Npgsql and the scoring stages) so the trace id
/// reaches logs and problem details; they leave the process only when <see cref="OtlpEndpoint"/> is set.
/// </summary>
public sealed class TracingOptions
{
    public const string SectionName = "Tracing";

    /// <summary>
    /// OTLP collector to export to, e.g. <c>http://jaeger:4317</c> (gRPC) or <c>http://jaeger:4318/v1/traces</c> with
    /// <see cref="OtlpProtocol"/> <c>http/protobuf</c>. Unset (the default): no exporter.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
