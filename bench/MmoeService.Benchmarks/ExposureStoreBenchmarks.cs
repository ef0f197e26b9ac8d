using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;

namespace MmoeService.Benchmarks;

/// <summary>
/// The exposure writer's store write: one transaction of <see cref="Batch"/> routed, analysed exposures of
/// <see cref="Items"/> shown items each (two tasks, gates summarised), into a SQLite store on the temp folder, as
/// the writer commits them under load. Every call writes new request ids, so the store grows through the run as it
/// does in service. Reported per call; divide by <see cref="Batch"/> for one request's share. Packing one exposure's
/// items is measured alone beside it.
/// </summary>
public class ExposureStoreBenchmarks
{
    private static readonly string[] Tasks = ["ctr", "satisfaction"];
    private static readonly float[] Gates = [0.4f, 0.3f, 0.2f, 0.1f];
    private static readonly float[] Concentrated = [0.1f, 0.2f];

    private string _directory = string.Empty;
    private ExperimentStore _store = null!;
    private ExposureEvent[] _template = [];
    private long _next;

    [Params(10, 1000)]
    public int Items { get; set; }

    [Params(16)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mmoe-store-bench-" + Guid.NewGuid().ToString("N"));
        _store = ExperimentStore.Sqlite(_directory, new StorageOptions(), new OutcomeFieldOptions(), TimeProvider.System, NullLogger.Instance);
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        var random = new Random(11);
        var items = Enumerable.Range(0, Items)
            .Select(i => new ShownItem($"item-{random.Next(100_000):D6}-{i}", i + 1, [(float)random.NextDouble(), (float)random.NextDouble()], random.NextDouble()))
            .ToArray();
        var gates = Tasks.Select(_ => Gates).ToArray();
        _template = [.. Enumerable.Range(0, Batch).Select(u => new ExposureEvent(
            string.Empty, "mmoe-vs-shared-bottom", u % 2 == 0 ? "treatment" : "control", true, AssignmentReason.Hash,
            $"unit-{u:D4}", "mmoe", 1, Tasks, items, gates, Concentrated, Items, 200, 1.5, DateTimeOffset.UtcNow))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "WriteExposuresAsync (one batch)")]
    public Task<int> Write()
    {
        var batch = new ExposureEvent[_template.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = _template[i] with { RequestId = $"req-{_next++:D12}" };
        }

        return _store.WriteExposuresAsync(batch, CancellationToken.None);
    }

    /// <summary>The part of one exposure's write that packs its items into JSON (<see cref="ShownItemsJson"/>).</summary>
    [Benchmark(Description = "ShownItemsJson.Write (one exposure)")]
    public byte[]? Pack() => ShownItemsJson.Write(Tasks, _template[0].Items);
}
