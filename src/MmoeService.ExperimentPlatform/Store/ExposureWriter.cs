using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Drains <see cref="ExposureQueue"/> into the store. Group commit: it takes whatever is queued (up to
/// <see cref="StorageOptions.WriteBatchSize"/>) as one transaction, so batches grow with load without a linger timer.
/// A failed write keeps its batch in memory and retries with exponential backoff; meanwhile new events wait in the
/// bounded queue, whose producer drops and counts them once it is full, so nothing is lost silently. On shutdown it
/// closes the queue, writes what is still queued within <see cref="StorageOptions.DrainTimeout"/> and counts the rest as lost.
/// </summary>
public sealed partial class ExposureWriter(
    ExposureQueue queue, IExperimentStore store, IOptions<StorageOptions> options, ExperimentMetrics metrics,
    TimeProvider time, ILogger<ExposureWriter> logger) : BackgroundService
{
    private readonly StorageOptions _options = options.Value;
    private readonly List<ExposureEvent> _batch = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.InitializeAsync(stoppingToken);
        }
        catch (StoreUnavailableException ex)
        {
            // Scoring never depends on the store; the first write retries the migration.
            StoreUnavailableAtStart(logger, ex);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        var delay = _options.RetryInitialDelay;
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Fill();
                while (_batch.Count > 0)
                {
                    try
                    {
                        await WriteBatchAsync(stoppingToken);
                        delay = _options.RetryInitialDelay;
                    }
                    catch (StoreUnavailableException ex)
                    {
                        metrics.ExposureStoreFailed();
                        WriteFailed(logger, ex, _batch.Count, queue.Count, delay);
                        await Task.Delay(delay, time, stoppingToken);
                        delay = NextDelay(delay, _options.RetryMaxDelay);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a batch interrupted mid-write was not committed and stays in _batch for the drain.
        }
    }

    /// <summary>
    /// Stops the loop, then writes what is left. Draining here rather than at the end of ExecuteAsync also covers a
    /// stop that comes before ExecuteAsync ever ran. Exposures are keyed by request id, so a batch written twice is harmless.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // From here a request still scoring finds the queue closed: its exposure is dropped and counted, and the
        // drain below has a fixed amount to write.
        queue.Complete();
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is null or { IsCompleted: true })
        {
            await DrainAsync();
        }
        else
        {
            // The host's own shutdown timeout ran out while a write hung; the loop still owns the batch.
            var lost = _batch.Count + queue.Count;
            metrics.ExposuresLost("shutdown", lost);
            ExposuresLostAtShutdown(logger, null, lost);
        }
    }

    /// <summary>Doubles the wait after each consecutive failure, capped.</summary>
    public static TimeSpan NextDelay(TimeSpan delay, TimeSpan max) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero : delay * 2 > max ? max : delay * 2;

    private async Task DrainAsync()
    {
        using var timeout = new CancellationTokenSource(_options.DrainTimeout, time);
        try
        {
            Fill();
            while (_batch.Count > 0)
            {
                await WriteBatchAsync(timeout.Token);
                Fill();
            }
        }
        catch (Exception ex) when (ex is StoreUnavailableException or OperationCanceledException)
        {
            var lost = _batch.Count + queue.Count;
            metrics.ExposuresLost("shutdown", lost);
            ExposuresLostAtShutdown(logger, ex, lost);
        }
    }

    private void Fill()
    {
        while (_batch.Count < _options.WriteBatchSize && queue.Reader.TryRead(out var exposure))
        {
            _batch.Add(exposure);
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        await store.WriteExposuresAsync(_batch, cancellationToken);
        metrics.ExposuresWritten(_batch.Count);
        _batch.Clear();
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Experiment store unavailable at start; exposures wait in the queue until it answers")]
    private static partial void StoreUnavailableAtStart(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "Writing {Batch} exposures failed ({Queued} more queued); retrying in {Delay}")]
    private static partial void WriteFailed(ILogger logger, Exception exception, int batch, int queued, TimeSpan delay);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Shutdown: {Lost} exposures could not be written and are lost")]
    private static partial void ExposuresLostAtShutdown(ILogger logger, Exception? exception, int lost);
}
