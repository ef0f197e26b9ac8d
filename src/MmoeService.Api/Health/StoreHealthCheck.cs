using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.ExperimentPlatform.Store;

namespace MmoeService.Api.Health;

/// <summary>
/// Degraded (still ready, 200) while the experiment store fails or the spool still holds exposures to replay:
/// scoring does not need the store, so taking the replica out of the load balancer would turn a data gap into an
/// outage. The data says how full the exposure queue is and how far behind the spool is (records, bytes, the age of
/// the oldest exposure not yet replayed).
/// </summary>
public sealed class StoreHealthCheck(
    StoreAvailability availability, ExposureQueue queue, ExposureSpool spool, IOptions<ExposureOptions> exposures, IOptions<SpoolOptions> spoolOptions)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["queuedExposures"] = queue.Count,
            ["queueCapacity"] = exposures.Value.QueueCapacity,
            ["spoolEnabled"] = spoolOptions.Value.Enabled,
            ["spooledExposures"] = spool.Records,
            ["spoolBytes"] = spool.Bytes,
            ["spoolMaxBytes"] = spoolOptions.Value.MaxBytes,
            ["spoolOldestAgeSeconds"] = Math.Round(spool.OldestAge.TotalSeconds, 1),
        };
        if (availability.Current is { } outage)
        {
            data["since"] = outage.Since;
            data["reason"] = outage.Reason;
            data["failedOperations"] = outage.Failures;
            return Task.FromResult(HealthCheckResult.Degraded(
                spoolOptions.Value.Enabled
                    ? "store unavailable: scoring continues, exposures are spooled to disk (dropped and counted only once the spool is full), feedback answers 503"
                    : "store unavailable: scoring continues, exposures wait in memory (dropped and counted once the queue is full), feedback answers 503",
                data: data));
        }

        return Task.FromResult(spool.Records > 0
            ? HealthCheckResult.Degraded("experiment store answering; replaying spooled exposures", data: data)
            : HealthCheckResult.Healthy("experiment store answering", data));
    }
}
