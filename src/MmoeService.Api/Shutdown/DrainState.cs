using MmoeService.Serving.Observability;

namespace MmoeService.Api.Shutdown;

/// <summary>Whether the service is shutting down; readiness fails from the first moment it is.</summary>
public sealed class DrainState(DegradedMetrics metrics, TimeProvider time)
{
    private long _since = long.MinValue;

    /// <summary>When draining began, or null.</summary>
    public DateTimeOffset? Since => Interlocked.Read(ref _since) is var ticks && ticks != long.MinValue ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Turns the service not-ready; idempotent (SIGTERM and the host's stop both call it).</summary>
    public bool Begin()
    {
        if (Interlocked.CompareExchange(ref _since, time.GetUtcNow().UtcTicks, long.MinValue) != long.MinValue)
        {
            return false;
        }

        metrics.Set("draining", true);
        return true;
    }
}
