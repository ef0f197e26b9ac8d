namespace MmoeService.Api.Shutdown;

/// <summary>Graceful shutdown on SIGTERM (section "Shutdown").</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// The whole stop, becomes the host's <c>HostOptions.ShutdownTimeout</c>: the unready delay, requests in flight
    /// finishing, the exposure queue flushed to the store. What has not finished by then is cut off, so keep it
    /// under the orchestrator's grace period (Kubernetes' terminationGracePeriodSeconds, 30 s by default).
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How long the service keeps accepting requests after turning not-ready, so load balancers see the failing
    /// readiness probe and stop sending before the listener closes. 0 closes at once (fine when a preStop hook
    /// already waits).
    /// </summary>
    public TimeSpan UnreadyDelay { get; set; } = TimeSpan.Zero;
}
