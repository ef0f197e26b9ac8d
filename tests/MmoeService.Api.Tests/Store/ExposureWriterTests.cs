using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.Api.Observability;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.ExperimentPlatform.Spool;
using Prometheus;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Observability;
using MmoeService.ExperimentPlatform;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Store;

[Trait("Kind", "Unit")]
public sealed class ExposureWriterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly RecordingStore _store = new();
    private readonly ExposureQueue _queue;

    public ExposureWriterTests() => _queue = new(Options.Create(new ExposureOptions { QueueCapacity = 100 }), new ExposureMetrics(_registry));

    [Fact]
    public async Task Writer_QueuedEvents_AreAllWritten()
    {
        using var writer = Writer();
        await writer.StartAsync(default);

        Enqueue(7);

        await _store.WaitForAsync(7).WaitAsync(Timeout);
        await writer.StopAsync(default);
        Assert.Equal(Enumerable.Range(0, 7).Select(Id), _store.Written.Select(e => e.RequestId));
    }

    [Fact]
    public async Task Writer_StoreFailsTwice_RetriesAndLosesNothing()
    {
        _store.FailuresLeft = 2;
        using var writer = Writer();
        Enqueue(5);

        await writer.StartAsync(default);

        await _store.WaitForAsync(5).WaitAsync(Timeout);
        await writer.StopAsync(default);
        Assert.Equal(5, _store.Written.Select(e => e.RequestId).Distinct().Count());
        Assert.Contains("mmoe_exposure_store_failures_total 2", Export(), StringComparison.Ordinal);
        Assert.Contains("mmoe_exposures_written_total 5", Export(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_Shutdown_WritesWhatIsStillQueued()
    {
        using var writer = Writer();
        Enqueue(20);

        await writer.StartAsync(default);
        await writer.StopAsync(default);

        Assert.Equal(20, _store.Written.Count);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task Writer_StoreDownAtShutdown_CountsTheLostEvents()
    {
        _store.AlwaysFail = true;
        var time = new FakeTimeProvider();
        using var writer = Writer(time, TimeSpan.FromSeconds(1));
        Enqueue(3);
        await writer.StartAsync(default);
        await _store.FirstFailure.WaitAsync(Timeout);   // now waiting out its backoff on the fake clock

        await writer.StopAsync(default);

        Assert.Contains("mmoe_exposures_lost_total{reason=\"shutdown\"} 3", Export(), StringComparison.Ordinal);
        Assert.Empty(_store.Written);
    }

    [Theory]
    [InlineData(500, 30_000, 1_000)]
    [InlineData(20_000, 30_000, 30_000)]
    [InlineData(0, 30_000, 0)]
    public void NextDelay_DoublesUpToTheCap(int delayMs, int maxMs, int expectedMs) => Assert.Equal(
        TimeSpan.FromMilliseconds(expectedMs),
        ExposureWriter.NextDelay(TimeSpan.FromMilliseconds(delayMs), TimeSpan.FromMilliseconds(maxMs)));

    /// <summary>The writer with the spool off: exposures wait in memory only, as before the spool existed.</summary>
    private ExposureWriter Writer(TimeProvider? time = null, TimeSpan? retryDelay = null)
    {
        var spoolOff = Options.Create(new SpoolOptions { Enabled = false });
        return new(
            _queue, _store, new ExposureSpool(spoolOff, Path.GetTempPath(), new SpoolMetrics(_registry), TimeProvider.System, NullLogger<ExposureSpool>.Instance),
            new StoreAvailability(new DegradedMetrics(_registry), TimeProvider.System),
            Options.Create(new StorageOptions { WriteBatchSize = 4, RetryInitialDelay = retryDelay ?? TimeSpan.Zero }),
            spoolOff, Options.Create(new ExposureOptions { QueueCapacity = 100 }),
            new ExposureMetrics(_registry), time ?? TimeProvider.System, NullLogger<ExposureWriter>.Instance);
    }

    private void Enqueue(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(_queue.TryEnqueue(new ExposureEvent(
                Id(i), "ab", "mmoe", true, AssignmentReason.Hash, "unit", "mmoe", 1, ["ctr", "satisfaction"],
                [new ShownItem("i1", 1, [0.1f, 0.05f], 0.005)], null, null, 1, 200, 1.0, DateTimeOffset.UnixEpoch)));
        }
    }

    private static string Id(int i) => "r" + i.ToString("D3", CultureInfo.InvariantCulture);

    private string Export()
    {
        using var stream = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
