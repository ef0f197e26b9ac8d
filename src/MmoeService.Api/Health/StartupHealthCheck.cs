using Microsoft.Extensions.Diagnostics.HealthChecks;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Health;

/// <summary>
/// Started once the first load attempt of every model has finished, whatever its outcome: from then on
/// liveness and readiness speak for the service (Kubernetes startup probe semantics).
/// </summary>
public sealed class StartupHealthCheck(ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.InitialLoad.IsCompleted
            ? HealthCheckResult.Healthy("Initial model load finished.")
            : HealthCheckResult.Unhealthy("Initial model load still running."));
}
