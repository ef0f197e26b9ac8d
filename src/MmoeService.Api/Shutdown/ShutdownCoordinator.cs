using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Spool;

namespace MmoeService.Api.Shutdown;

/// <summary>
/// The order of a graceful stop. The host stops hosted services in reverse registration order and the web
/// server (registered last) first, so the sequence is:
/// <list type="number">
/// <item>SIGTERM fires ApplicationStopping: readiness answers 503 "draining" at once;</item>
/// <item><see cref="StoppingAsync"/> waits <see cref="ShutdownOptions.UnreadyDelay"/> while still serving;</item>
/// <item>the server stops accepting and lets requests in flight finish (bounded by the host's ShutdownTimeout = <see cref="ShutdownOptions.DrainTimeout"/>);</item>
/// <item><see cref="StopAsync"/> closes the exposure queue: no request is left to write to it;</item>
/// <item>the exposure writer (registered before this service, so stopped after it) drains the queue to the store
/// within <c>Storage:DrainTimeout</c> and appends what the store did not take to the exposure spool, which the next
/// start replays (validated to end before <see cref="ShutdownOptions.DrainTimeout"/>).</item>
/// </list>
/// </summary>
public sealed partial class ShutdownCoordinator(
    DrainState drain,
    ExposureQueue exposures,
    ExposureSpool spool,
    IHostApplicationLifetime lifetime,
    IOptions<ShutdownOptions> options,
    TimeProvider time,
    ILogger<ShutdownCoordinator> logger) : IHostedLifecycleService
{
    private CancellationTokenRegistration _stopping;
    private int _delayed;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(BeginDraining);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDraining();
        var delay = options.Value.UnreadyDelay;

        // A host can be stopped twice (the signal, then disposal); only the first stop waits.
        if (delay > TimeSpan.Zero && Interlocked.Exchange(ref _delayed, 1) == 0)
        {
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Out of shutdown time: stop serving now.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var queued = exposures.Count;
        exposures.Complete();
        ExposureQueueClosed(logger, queued, spool.Records);
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        return Task.CompletedTask;
    }

    private void BeginDraining()
    {
        if (drain.Begin())
        {
            Draining(logger, options.Value.UnreadyDelay, options.Value.DrainTimeout);
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Shutting down: not ready from now, serving for {UnreadyDelay} more, then draining requests in flight within {DrainTimeout}")]
    private static partial void Draining(ILogger logger, TimeSpan unreadyDelay, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Requests drained; exposure queue closed with {Queued} exposures left for the store writer ({Spooled} more in the spool)")]
    private static partial void ExposureQueueClosed(ILogger logger, int queued, long spooled);
}
