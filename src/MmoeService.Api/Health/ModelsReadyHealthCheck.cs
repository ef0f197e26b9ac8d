using Microsoft.Extensions.Diagnostics.HealthChecks;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Health;

/// <summary>
/// Ready only when every configured model serves a version; the data names each model's state. A model that
/// serves but whose files on disk were deleted or changed since it loaded makes the check Degraded (still
/// ready, 200): it keeps serving from memory, and the detail says what a restart would lose.
/// </summary>
public sealed class ModelsReadyHealthCheck(ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var models = registry.Describe();
        var damaged = models.Where(m => m.Status == ModelState.Serving && registry.ServedFilesChanged(m.Name)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var data = models.ToDictionary(
            m => m.Name,
            m => (object)$"{m.Status}{(m.ServedVersion is { } v ? $" v{v}" : "")}{(damaged.Contains(m.Name) ? " (degraded: its files on disk were removed or changed since it loaded; serving from memory)" : "")}");
        var missing = models.Where(m => m.Status != ModelState.Serving).Select(m => m.Name).ToArray();
        if (missing.Length > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Not loaded: {string.Join(", ", missing)}.", data: data));
        }

        return Task.FromResult(damaged.Count == 0
            ? HealthCheckResult.Healthy("Every configured model is loaded.", data)
            : HealthCheckResult.Degraded($"Serving from memory, files changed on disk: {string.Join(", ", damaged.Order(StringComparer.Ordinal))}.", data: data));
    }
}
