using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using Prometheus;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>A temporary spool folder, deleted with the test, with its metrics registry and exposure builders.</summary>
internal sealed class SpoolFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mmoe-spool-" + Guid.NewGuid().ToString("N"));

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public SpoolMetrics SpoolMetrics { get; }

    public ExposureMetrics ExposureMetrics { get; }

    public SpoolFolder()
    {
        SpoolMetrics = new SpoolMetrics(Registry);
        ExposureMetrics = new ExposureMetrics(Registry);
    }

    public static string Id(int i) => "r" + i.ToString("D4", CultureInfo.InvariantCulture);

    public static ExposureEvent Exposure(int i) => new(
        Id(i), "ab", "mmoe", true, AssignmentReason.Hash, "unit", "mmoe", 1, ["ctr", "satisfaction"],
        [new ShownItem("i1", 1, [0.1f, 0.05f], 0.005)], null, null, 1, 200, 1.0, DateTimeOffset.UnixEpoch.AddSeconds(i));

    public static ExposureEvent[] Exposures(int from, int count) => Enumerable.Range(from, count).Select(Exposure).ToArray();

    /// <summary>A spool over this folder, opened (its scan done) as the writer opens it at start.</summary>
    public ExposureSpool Open(SpoolOptions? options = null, TimeProvider? time = null)
    {
        var spool = new ExposureSpool(Options.Create(options ?? new SpoolOptions()), Path, SpoolMetrics, time ?? TimeProvider.System, NullLogger<ExposureSpool>.Instance);
        spool.Open();
        return spool;
    }

    public string[] Segments() => Directory.Exists(Path) ? Directory.GetFiles(Path, "*.seg").Order(StringComparer.Ordinal).ToArray() : [];

    /// <summary>The registry in Prometheus text format.</summary>
    public string Export()
    {
        using var stream = new MemoryStream();
        Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
