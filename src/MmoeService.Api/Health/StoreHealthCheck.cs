using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Health;

/// <summary>
/// Degraded (still ready, 200) while the experiment store fails: scoring does not need it, so taking the replica
/// out of the load balancer would turn a data gap into an outage. The data says how full the exposure queue is.
/// </summary>
public sealed class StoreHealthCheck(StoreAvailability availability, ExposureQueue queue, IOptions<ExposureOptions> exposures) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["queuedExposures"] = queue.Count,
            ["queueCapacity"] = exposures.Value.QueueCapacity,
        };
        if (availability.Current is not { } outage)
        {
            return Task.FromResult(HealthCheckResult.Healthy("experiment store answering", data));
        }

        data["since"] = outage.Since;
        data["reason"] = outage.Reason;
        data["failedOperations"] = outage.Failures;
        return Task.FromResult(HealthCheckResult.Degraded(
            "store unavailable: scoring continues, exposures wait in memory (dropped and counted once the queue is full), feedback answers 503",
            data: data));
    }
}
