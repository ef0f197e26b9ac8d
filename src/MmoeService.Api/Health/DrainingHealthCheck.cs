using Microsoft.Extensions.Diagnostics.HealthChecks;
using MmoeService.Api.Shutdown;

namespace MmoeService.Api.Health;

/// <summary>Fails readiness from the moment shutdown begins, so load balancers stop sending before the listener closes.</summary>
public sealed class DrainingHealthCheck(DrainState drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.Since is { } since
            ? HealthCheckResult.Unhealthy("draining", data: new Dictionary<string, object> { ["since"] = since })
            : HealthCheckResult.Healthy("accepting requests"));
}
