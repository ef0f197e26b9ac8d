using Microsoft.Extensions.Diagnostics.HealthChecks;
using MmoeService.Api.Models;

namespace MmoeService.Api.Health;

/// <summary>Ready only when every configured model serves a version; the data names each model's state.</summary>
public sealed class ModelsReadyHealthCheck(ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var models = registry.Describe();
        var data = models.ToDictionary(m => m.Name, m => (object)$"{m.Status}{(m.ServedVersion is { } v ? $" v{v}" : "")}");
        var missing = models.Where(m => m.Status != ModelState.Serving).Select(m => m.Name).ToArray();
        return Task.FromResult(missing.Length == 0
            ? HealthCheckResult.Healthy("Every configured model is loaded.", data)
            : HealthCheckResult.Unhealthy($"Not loaded: {string.Join(", ", missing)}.", data: data));
    }
}
