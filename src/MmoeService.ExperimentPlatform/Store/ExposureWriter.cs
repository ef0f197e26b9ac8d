using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Spool;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Drains <see cref="ExposureQueue"/> into the store. Group commit: it takes whatever is queued (up to
/// <see cref="StorageOptions.WriteBatchSize"/>) as one transaction, so batches grow with load without a linger timer.
/// <para>
/// With the <see cref="ExposureSpool"/> on (the default), a batch the store cannot take now goes to disk instead of
/// waiting in memory: when a write fails or does not commit within <see cref="SpoolOptions.StoreWriteTimeout"/>,
/// while the store is in its retry backoff after a failure, and while the queue is above its high-water mark (a slow
/// store). Once a write succeeds again the spool is replayed oldest first, at most one replay batch between two live
/// batches and at most <see cref="SpoolOptions.MaxReplayRate"/> exposures a second, so live exposures keep flowing.
/// Only a full spool drops (counted). Exposures are keyed by request id, so a batch written twice is harmless.
/// </para>
/// <para>
/// With the spool off, a failed write keeps its batch in memory and retries with exponential backoff; meanwhile new
/// events wait in the bounded queue, whose producer drops and counts them once it is full.
/// </para>
/// On shutdown it closes the queue and writes what is still queued within <see cref="StorageOptions.DrainTimeout"/>;
/// what the store does not take by then is spooled for the next start (or, without a spool, counted as lost).
/// </summary>
public sealed partial class ExposureWriter(
    ExposureQueue queue, IExperimentStore store, ExposureSpool spool, StoreAvailability availability,
    IOptions<StorageOptions> options, IOptions<SpoolOptions> spoolOptions, IOptions<ExposureOptions> exposureOptions,
    ExposureMetrics metrics, TimeProvider time, ILogger<ExposureWriter> logger) : BackgroundService
{
    private readonly StorageOptions _options = options.Value;
    private readonly SpoolOptions _spoolOptions = spoolOptions.Value;
    private readonly int _highWater = Math.Max(1, (int)((long)exposureOptions.Value.QueueCapacity * spoolOptions.Value.QueueHighWaterPercent / 100));
    private readonly List<ExposureEvent> _batch = [];
    private TimeSpan _delay = options.Value.RetryInitialDelay;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private DateTimeOffset _nextReplayAt = DateTimeOffset.MinValue;
    private bool _failing;

    /// <summary>Doubles the wait after each consecutive failure, capped.</summary>
    public static TimeSpan NextDelay(TimeSpan delay, TimeSpan max) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero : delay * 2 > max ? max : delay * 2;

    /// <summary>
    /// Stops the loop, then writes what is left. Draining here rather than at the end of ExecuteAsync also covers a
    /// stop that comes before ExecuteAsync ever ran.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Opening the spool scans what an earlier process left; keep it off the host's start path.
        await Task.Yield();
        spool.Open();
        try
        {
            await store.InitializeAsync(stoppingToken);
        }
        catch (StoreUnavailableException ex)
        {
            // Scoring never depends on the store; the first write retries the migration.
            StoreUnavailableAtStart(logger, ex);
            EnterBackoff();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            if (spool.Enabled)
            {
                await RunWithSpoolAsync(stoppingToken);
            }
            else
            {
                await RunInMemoryAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a live batch interrupted mid-write was not committed and stays in _batch for the drain; an
            // interrupted replay batch was not acknowledged and stays in the spool.
        }
    }

    private bool InBackoff => time.GetUtcNow() < _retryAt;

    private bool ReplayDue => spool.Records > 0 && !InBackoff && queue.Count < _highWater && time.GetUtcNow() >= _nextReplayAt;

    private async Task RunWithSpoolAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Fill();
            if (_batch.Count > 0)
            {
                await WriteLiveAsync(stoppingToken);
                await ReplayOnceAsync(stoppingToken);
            }
            else if (ReplayDue)
            {
                await ReplayOnceAsync(stoppingToken);
            }
            else if (!await WaitAsync(stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>The live batch goes to the store, unless the store is known down or too slow to keep up: then to disk.</summary>
    private async Task WriteLiveAsync(CancellationToken stoppingToken)
    {
        if (!InBackoff && queue.Count < _highWater && await TryStoreAsync(_batch, stoppingToken))
        {
            metrics.ExposuresWritten(_batch.Count);
        }
        else
        {
            SpoolBatch();
        }

        _batch.Clear();
    }

    private async Task ReplayOnceAsync(CancellationToken stoppingToken)
    {
        if (!ReplayDue || spool.ReadBatch(_spoolOptions.ReplayBatchSize) is not { } batch)
        {
            return;
        }

        // The interval runs from the start of the write, so the write's own time counts towards the rate.
        var started = time.GetUtcNow();
        if (batch.Events.Count == 0 || await TryStoreAsync(batch.Events, stoppingToken))
        {
            spool.Acknowledge(batch);
            metrics.ExposuresWritten(batch.Events.Count);
            if (_spoolOptions.MaxReplayRate > 0)
            {
                _nextReplayAt = started + TimeSpan.FromSeconds((double)batch.Events.Count / _spoolOptions.MaxReplayRate);
            }

            if (spool.Records == 0)
            {
                SpoolDrained(logger);
            }
        }
    }

    /// <summary>Waits for queued exposures or, with a spool to replay, until the next retry or replay is due; false once the queue is closed.</summary>
    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        var wake = spool.Records == 0 ? (DateTimeOffset?)null : InBackoff ? _retryAt : _nextReplayAt;
        if (wake is null)
        {
            return await queue.Reader.WaitToReadAsync(stoppingToken);
        }

        var due = wake.Value - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            return !queue.Reader.Completion.IsCompleted;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var read = queue.Reader.WaitToReadAsync(either.Token).AsTask();
        var delay = Task.Delay(due, time, either.Token);
        var first = await Task.WhenAny(read, delay);
        await either.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return first != read || await read;
    }

    /// <summary>One store write bounded by <see cref="SpoolOptions.StoreWriteTimeout"/>; false (and backoff) when it failed or timed out.</summary>
    private async Task<bool> TryStoreAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_spoolOptions.StoreWriteTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        // A copy: a write abandoned at the timeout may still be reading its batch while the caller reuses the list.
        var write = store.WriteExposuresAsync(exposures.ToArray(), linked.Token);
        try
        {
            await write.WaitAsync(linked.Token);
            Recovered();
            return true;
        }
        catch (StoreUnavailableException ex)
        {
            Failed(ex, exposures.Count);
            return false;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _ = write.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var slow = new TimeoutException($"No commit within {_spoolOptions.StoreWriteTimeout}.");
            availability.Failed(slow);

            // Slow is not down: no backoff, the next batch tries again (the high-water mark spools while it is slow).
            metrics.ExposureStoreFailed();
            WriteFailed(logger, slow, exposures.Count, queue.Count, TimeSpan.Zero);
            return false;
        }
    }

    private void SpoolBatch()
    {
        spool.Append(_batch);

        // Logged after the append, so whoever reacts to the event finds the batch on disk.
        if (!_failing && _batch.Count > 0)
        {
            SpoolingStarted(logger, queue.Count, spool.Directory);
            _failing = true;
        }
    }

    private void Failed(Exception error, int batch)
    {
        metrics.ExposureStoreFailed();
        WriteFailed(logger, error, batch, queue.Count, _delay);
        EnterBackoff();
    }

    private void EnterBackoff()
    {
        _retryAt = time.GetUtcNow() + _delay;
        _delay = NextDelay(_delay, _options.RetryMaxDelay);
    }

    private void Recovered()
    {
        _delay = _options.RetryInitialDelay;
        _retryAt = DateTimeOffset.MinValue;
        if (_failing)
        {
            _failing = false;
            StoreBack(logger, spool.Records);
        }
    }

    /// <summary>The spool off: a failed batch stays in memory and is retried with backoff; the queue absorbs the rest.</summary>
    private async Task RunInMemoryAsync(CancellationToken stoppingToken)
    {
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            Fill();
            while (_batch.Count > 0)
            {
                try
                {
                    await WriteBatchAsync(stoppingToken);
                    _delay = _options.RetryInitialDelay;
                }
                catch (StoreUnavailableException ex)
                {
                    metrics.ExposureStoreFailed();
                    WriteFailed(logger, ex, _batch.Count, queue.Count, _delay);
                    await Task.Delay(_delay, time, stoppingToken);
                    _delay = NextDelay(_delay, _options.RetryMaxDelay);
                }
            }
        }
    }

    /// <summary>Writes what is left to the store within the drain timeout; the rest goes to the spool, or is counted lost without one.</summary>
    private async Task DrainAsync()
    {
        using var timeout = new CancellationTokenSource(_options.DrainTimeout, time);
        var spooled = 0L;
        var storeUsable = !InBackoff || !spool.Enabled;
        Fill();
        while (_batch.Count > 0)
        {
            if (storeUsable)
            {
                try
                {
                    await WriteBatchAsync(timeout.Token);
                    Fill();
                    continue;
                }
                catch (Exception ex) when (ex is StoreUnavailableException or OperationCanceledException)
                {
                    if (!spool.Enabled)
                    {
                        var lost = _batch.Count + queue.Count;
                        metrics.ExposuresLost("shutdown", lost);
                        ExposuresLostAtShutdown(logger, ex, lost);
                        return;
                    }

                    storeUsable = false;
                }
            }

            spooled += spool.Append(_batch);
            _batch.Clear();
            Fill();
        }

        if (spooled > 0)
        {
            SpooledAtShutdown(logger, spooled, spool.Records);
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

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Experiment store unavailable at start; exposures wait in the queue (or the spool) until it answers")]
    private static partial void StoreUnavailableAtStart(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "Writing {Batch} exposures failed ({Queued} more queued); retrying in {Delay}")]
    private static partial void WriteFailed(ILogger logger, Exception exception, int batch, int queued, TimeSpan delay);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Shutdown: {Lost} exposures could not be written and are lost")]
    private static partial void ExposuresLostAtShutdown(ILogger logger, Exception? exception, int lost);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Experiment store down or slow ({Queued} exposures queued): spooling exposures to {Directory}")]
    private static partial void SpoolingStarted(ILogger logger, int queued, string directory);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Experiment store answering again; replaying {Spooled} spooled exposures")]
    private static partial void StoreBack(ILogger logger, long spooled);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Exposure spool replayed completely")]
    private static partial void SpoolDrained(ILogger logger);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning,
        Message = "Shutdown: {Spooled} exposures the store did not take were spooled; {Total} wait in the spool for the next start")]
    private static partial void SpooledAtShutdown(ILogger logger, long spooled, long total);
}
