using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using MmoeService.Serving.OpenInference;
using MmoeService.Serving.Scoring;

namespace MmoeService.Serving.Grpc;

/// <summary>
/// Services of the binary protocols, whose endpoints <see cref="ProtocolsApi"/> maps: the gRPC scoring service, the
/// Open Inference Protocol (gRPC and REST) and the h2c listener that carries gRPC (<see cref="GrpcOptions.Port"/>).
/// </summary>
public static class ProtocolsExtensions
{
    public static IHostApplicationBuilder AddProtocols(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<GrpcOptions>()
            .BindConfiguration(GrpcOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddGrpc();
        // The same body limit as REST; past it gRPC answers ResourceExhausted. Read from configuration rather than
        // the validated options, so a bad Scoring setting still fails the host's start with its own message.
        builder.Services.AddOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IConfiguration>((grpc, configuration) => grpc.MaxReceiveMessageSize = MaxMessageBytes(configuration));
        builder.Services.AddSingleton<OpenInferenceModels>();
        var configuration = builder.Configuration;
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GrpcOptions>>((kestrel, grpc) => ListenForGrpc(kestrel, configuration, grpc.Value.Port));
        return builder;
    }

    private static int MaxMessageBytes(IConfiguration configuration)
    {
        var scoring = new ScoringOptions();
        try
        {
            configuration.GetSection(ScoringOptions.SectionName).Bind(scoring);
        }
        catch (InvalidOperationException)
        {
            // An unreadable section is reported by the options' own validation at start.
        }

        return (int)Math.Clamp(scoring.MaxRequestBodyBytes, 1024, int.MaxValue);
    }

    /// <summary>
    /// Adds the h2c listener and, because an explicit listener replaces <c>urls</c>/<c>ASPNETCORE_URLS</c> and
    /// <c>ASPNETCORE_HTTP_PORTS</c>, re-declares those REST addresses as Kestrel endpoints, so both keep working.
    /// A host that declares its own <c>Kestrel:Endpoints</c> is left alone (it adds an <c>Http2</c> endpoint itself).
    /// </summary>
    private static void ListenForGrpc(KestrelServerOptions kestrel, IConfiguration configuration, int port)
    {
        if (port == 0 || configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return;
        }

        var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (urls.Count == 0)
        {
            urls.AddRange((configuration["http_ports"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        }

        if (urls.Count == 0)
        {
            urls.Add("http://localhost:5000");
        }

        var endpoints = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < urls.Count; i++)
        {
            endpoints[$"Endpoints:Rest{i}:Url"] = urls[i];
        }

        var host = new Uri(urls[0].Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal)).Host;
        var grpcHost = urls[0].Contains("://*", StringComparison.Ordinal) || urls[0].Contains("://+", StringComparison.Ordinal) ? "*" : host;
        endpoints["Endpoints:Grpc:Url"] = string.Create(CultureInfo.InvariantCulture, $"http://{grpcHost}:{port}");
        endpoints["Endpoints:Grpc:Protocols"] = nameof(HttpProtocols.Http2);
        kestrel.Configure(new ConfigurationBuilder().AddInMemoryCollection(endpoints).Build());
    }
}
