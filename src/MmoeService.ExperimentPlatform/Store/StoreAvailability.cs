using MmoeService.Serving.Observability;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Whether the experiment store answered its last operation, as every caller saw it (the exposure writer's
/// retries, feedback, scorecards). Passive on purpose: readiness never opens a connection of its own, so a
/// probe storm cannot add load to a struggling database. While unavailable, scoring goes on, exposures wait in
/// the bounded queue (then are dropped and counted) and feedback answers 503.
/// </summary>
public sealed class StoreAvailability(DegradedMetrics metrics, TimeProvider time)
{
    private volatile Outage? _outage;

    /// <summary>The current outage, or null while the store answers.</summary>
    public Outage? Current => _outage;

    public void Succeeded()
    {
        if (_outage is not null)
        {
            _outage = null;
            metrics.Set("store_unavailable", false);
        }
    }

    public void Failed(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);

        // Keep the first failure's time; the reason names the exception type only (messages can carry host names).
        var outage = _outage ?? new Outage(time.GetUtcNow(), error.InnerException?.GetType().Name ?? error.GetType().Name, 0);
        _outage = outage with { Failures = outage.Failures + 1 };
        metrics.Set("store_unavailable", true);
    }

    /// <summary>Since when the store has been failing, why (exception type) and how many operations failed.</summary>
    public sealed record Outage(DateTimeOffset Since, string Reason, long Failures);
}
