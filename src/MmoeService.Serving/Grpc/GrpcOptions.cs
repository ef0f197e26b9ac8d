using System.ComponentModel.DataAnnotations;

namespace MmoeService.Serving.Grpc;

/// <summary>The binary protocols' endpoint (section "Grpc").</summary>
public sealed class GrpcOptions
{
    public const string SectionName = "Grpc";

    /// <summary>
    /// Port of the cleartext HTTP/2 (h2c) listener that serves gRPC beside the REST port, on the same host as the
    /// first REST address; 0 (the default) for none, when gRPC needs a TLS endpoint, where HTTP/2 is negotiated,
    /// or the in-memory test server. Off by default so two instances on one machine (tests, CI, benchmarks) never
    /// race for a fixed port; appsettings.Development.json turns it on at 5025 for <c>dotnet run</c>. A second port
    /// because Kestrel speaks only HTTP/1.1 on a cleartext endpoint that allows both: without TLS there is no
    /// negotiation, and the REST port must keep answering curl and browsers.
    /// </summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
