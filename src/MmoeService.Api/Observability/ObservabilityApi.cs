using Prometheus;

namespace MmoeService.Api.Observability;

/// <summary>The scrape endpoint of the host's Prometheus registry.</summary>
public static class ObservabilityApi
{
    /// <summary>Prometheus text format at <c>/metrics</c>, from this host's registry.</summary>
    public static IEndpointConventionBuilder MapObservability(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.ServiceProvider.GetRequiredService<CollectorRegistry>();
        return app.MapMetrics("/metrics", registry).WithTags("Observability");
    }
}
