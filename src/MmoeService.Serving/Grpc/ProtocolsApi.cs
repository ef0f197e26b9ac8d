using MmoeService.Serving.OpenInference;

namespace MmoeService.Serving.Grpc;

/// <summary>Endpoints of the binary protocols: the gRPC scoring service and the Open Inference Protocol (gRPC and REST).</summary>
public static class ProtocolsApi
{
    /// <summary>Maps every protocol endpoint; returns the scoring and infer endpoints, the ones to put behind admission limits.</summary>
    public static IEndpointConventionBuilder MapProtocols(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scoring = app.MapGrpcService<ScoringGrpcService>();
        var openInference = app.MapGrpcService<OpenInferenceGrpcService>();
        var rest = app.MapOpenInferenceRest();
        return new DataPlaneEndpoints(scoring, openInference, rest);
    }

    /// <summary>
    /// The data plane among the protocol endpoints: the scoring service, the infer routes and the ModelInfer method;
    /// health and metadata stay outside the admission limits, as REST's probes do.
    /// </summary>
    private sealed class DataPlaneEndpoints(IEndpointConventionBuilder scoring, IEndpointConventionBuilder openInference, IEndpointConventionBuilder rest) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            scoring.Add(convention);
            rest.Add(convention);
            openInference.Add(endpoint =>
            {
                if (endpoint.Metadata.OfType<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>().Any(m => m.Method.Name == "ModelInfer"))
                {
                    convention(endpoint);
                }
            });
        }
    }
}
