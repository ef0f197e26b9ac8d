using System.ComponentModel.DataAnnotations;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>
/// The local disk spool for exposures the store cannot take now (section "Exposures:Spool"). On by default: an
/// outage of the store then costs no exposures until <see cref="MaxBytes"/> is reached.
/// </summary>
public sealed class SpoolOptions
{
    public const string SectionName = "Exposures:Spool";

    /// <summary>False: exposures wait only in the in-memory queue while the store is down, then are dropped and counted.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Folder of the segment files; relative paths are resolved against the content root. Empty means
    /// <c>exposure-spool</c> under <c>Storage:DataDirectory</c> (so containers keep it on their data volume).
    /// One spool per process: two replicas must never share a folder.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Most bytes on disk; an exposure that would pass it is dropped and counted (<c>mmoe_exposure_spool_dropped_total</c>).</summary>
    [Range(1L << 20, 1L << 40)]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Size at which a segment file is sealed and a new one started; fully replayed segments are deleted.</summary>
    [Range(1L << 16, 1L << 32)]
    public long SegmentBytes { get; set; } = 16L << 20;

    public FsyncPolicy FsyncPolicy { get; set; } = FsyncPolicy.PerSegment;

    /// <summary>Spooled exposures per replay transaction.</summary>
    [Range(1, 100_000)]
    public int ReplayBatchSize { get; set; } = 500;

    /// <summary>
    /// Most spooled exposures replayed per second (0: no limit). Replay also never takes more than every other store
    /// transaction while live exposures are queued, so it cannot starve them.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxReplayRate { get; set; } = 5_000;

    /// <summary>
    /// Queue depth, in percent of <c>Exposures:QueueCapacity</c>, above which the writer spools instead of waiting
    /// for a store that is slow to commit.
    /// </summary>
    [Range(1, 100)]
    public int QueueHighWaterPercent { get; set; } = 50;

    /// <summary>A store write that has not committed by then counts as failed: its batch is spooled (written twice is harmless).</summary>
    public TimeSpan StoreWriteTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
