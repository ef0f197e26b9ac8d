using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Observability;

using MmoeService.Api.Tests.Infrastructure.StoreDoubles;

namespace MmoeService.Api.Tests.Store;

/// <summary>
/// The exposure writer with a real spool on a temporary folder against a store that refuses connections, times out
/// or hangs: nothing offered to the queue is lost, replay keeps spool order, a restart replays, a full spool drops
/// and counts. The clock is a <see cref="FakeTimeProvider"/>; waits are on the store's and the log's signals.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class ExposureWriterChaosTests : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(2);

    private readonly SpoolFolder _folder = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly ChaosStore _store = new();
    private readonly LogSignals _log = new();
    private readonly ExposureQueue _queue;

    public ExposureWriterChaosTests() =>
        _queue = new ExposureQueue(Options.Create(new ExposureOptions { QueueCapacity = 1_000 }), _folder.ExposureMetrics);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(StoreFault.ConnectionRefused)]
    [InlineData(StoreFault.CommandTimeout)]
    public async Task Writer_StoreDownThenBack_WritesEveryExposureOnce(StoreFault fault)
    {
        _store.Fault = fault;
        using var spool = _folder.Open(SpoolSettings(), _time);
        using var writer = Writer(spool);
        Enqueue(0, 300);
        await writer.StartAsync(default);
        await _log.WaitForAsync(4103);   // spooling

        _store.Fault = StoreFault.None;
        _time.Advance(RetryDelay);

        await _store.Recorded.WaitForAsync(300).WaitAsync(TimeSpan.FromSeconds(30));
        await _log.WaitForAsync(4105);   // spool replayed completely
        await writer.StopAsync(default);
        Assert.Equal(Enumerable.Range(0, 300).Select(SpoolFolder.Id), _store.Recorded.Written.Select(e => e.RequestId).Order(StringComparer.Ordinal));
        Assert.Equal(0, spool.Records);
        var metrics = _folder.Export();
        Assert.DoesNotContain("outcome=\"dropped\"", metrics, StringComparison.Ordinal);
        Assert.Contains("mmoe_exposure_spool_dropped_total 0", metrics, StringComparison.Ordinal);
        Assert.Contains("mmoe_exposures_lost_total{reason=\"shutdown\"} 0", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("mmoe_exposures_spooled_total 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_StoreDownAtShutdown_SpoolsEverythingAndTheNextStartReplaysItInOrder()
    {
        _store.Fault = StoreFault.ConnectionRefused;
        using (var spool = _folder.Open(SpoolSettings(), _time))
        using (var writer = Writer(spool))
        {
            Enqueue(0, 120);
            await writer.StartAsync(default);
            await _log.WaitForAsync(4103);

            await writer.StopAsync(default);

            Assert.Equal(120, spool.Records);
            Assert.Empty(_store.Recorded.Written);
            Assert.Contains("mmoe_exposures_lost_total{reason=\"shutdown\"} 0", _folder.Export(), StringComparison.Ordinal);
        }

        // The next process: the store is back.
        _store.Fault = StoreFault.None;
        var queue = new ExposureQueue(Options.Create(new ExposureOptions { QueueCapacity = 1_000 }), _folder.ExposureMetrics);
        using var restarted = _folder.Open(SpoolSettings(), _time);
        using var next = Writer(restarted, queue: queue);
        await next.StartAsync(default);

        await _store.Recorded.WaitForAsync(120).WaitAsync(TimeSpan.FromSeconds(30));
        await next.StopAsync(default);
        Assert.Equal(Enumerable.Range(0, 120).Select(SpoolFolder.Id), _store.Recorded.Written.Select(e => e.RequestId));
        Assert.Empty(_folder.Segments());
    }

    [Fact]
    public async Task Writer_CommitHangs_SpoolsTheBatchAfterTheWriteTimeout()
    {
        _store.Fault = StoreFault.Hang;
        using var spool = _folder.Open(SpoolSettings(), _time);
        using var writer = Writer(spool);
        Enqueue(0, 4);
        await writer.StartAsync(default);
        await _store.HangEntered.WaitAsync(TimeSpan.FromSeconds(30));

        _time.Advance(WriteTimeout);
        await _log.WaitForAsync(4103);

        Assert.Equal(4, spool.Records);
        Assert.Contains("mmoe_exposure_store_failures_total 1", _folder.Export(), StringComparison.Ordinal);

        // The server finally answers: the late commit and the replay write the same exposures, which the store keys by request id.
        _store.ReleaseHang();
        _store.Fault = StoreFault.None;
        _time.Advance(RetryDelay);
        await _log.WaitForAsync(4105);
        await writer.StopAsync(default);
        Assert.Equal(Enumerable.Range(0, 4).Select(SpoolFolder.Id), _store.Recorded.Written.Select(e => e.RequestId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writer_QueuePastHighWaterMark_SpoolsInsteadOfWaitingThenReplays()
    {
        Enqueue(0, 800);   // 80 % of the queue, before the writer takes its first batch
        using var spool = _folder.Open(SpoolSettings(), _time);
        using var writer = Writer(spool);

        await writer.StartAsync(default);

        await _store.Recorded.WaitForAsync(800).WaitAsync(TimeSpan.FromSeconds(30));
        await writer.StopAsync(default);
        Assert.Equal(800, _store.Recorded.Written.Select(e => e.RequestId).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("mmoe_exposures_spooled_total 0", _folder.Export(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_ReplayRate_WaitsBetweenReplayBatches()
    {
        var settings = SpoolSettings(replayRate: 10);
        using var spool = _folder.Open(settings, _time);
        spool.Append(SpoolFolder.Exposures(0, 20));
        using var writer = Writer(spool, settings);

        await writer.StartAsync(default);
        await _store.Recorded.WaitForAsync(10).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(10, _store.Recorded.Written.Count);   // one batch, then a second's wait at 10 a second

        _time.Advance(TimeSpan.FromSeconds(1));
        await _store.Recorded.WaitForAsync(20).WaitAsync(TimeSpan.FromSeconds(30));
        await writer.StopAsync(default);
        Assert.Equal(Enumerable.Range(0, 20).Select(SpoolFolder.Id), _store.Recorded.Written.Select(e => e.RequestId));
    }

    [Fact]
    public async Task Writer_SpoolFullDuringOutage_DropsAndCountsOnlyWhatDidNotFit()
    {
        _store.Fault = StoreFault.ConnectionRefused;
        using var spool = _folder.Open(SpoolSettings(maxBytes: 4_000), _time);
        using var writer = Writer(spool);
        Enqueue(0, 200);
        await writer.StartAsync(default);
        await _log.WaitForAsync(4103);

        await writer.StopAsync(default);

        var dropped = 200 - spool.Records;
        Assert.InRange(dropped, 1, 199);
        Assert.Contains($"mmoe_exposure_spool_dropped_total {dropped}", _folder.Export(), StringComparison.Ordinal);
    }

    private static SpoolOptions SpoolSettings(int replayRate = 0, long maxBytes = 1L << 30) => new()
    {
        ReplayBatchSize = 10,
        MaxReplayRate = replayRate,
        MaxBytes = maxBytes,
        SegmentBytes = 4_096,
        StoreWriteTimeout = WriteTimeout,
        QueueHighWaterPercent = 50,
    };

    private ExposureWriter Writer(ExposureSpool spool, SpoolOptions? settings = null, ExposureQueue? queue = null) => new(
        queue ?? _queue, _store, spool, new StoreAvailability(new DegradedMetrics(_folder.Registry), _time),
        Options.Create(new StorageOptions { WriteBatchSize = 10, RetryInitialDelay = RetryDelay, RetryMaxDelay = RetryDelay }),
        Options.Create(settings ?? SpoolSettings()),
        Options.Create(new ExposureOptions { QueueCapacity = 1_000 }),
        _folder.ExposureMetrics, _time, _log.Logger<ExposureWriter>());

    private void Enqueue(int from, int count)
    {
        foreach (var exposure in SpoolFolder.Exposures(from, count))
        {
            Assert.True(_queue.TryEnqueue(exposure));
        }
    }
}
