using MmoeService.ExperimentPlatform.Spool;

namespace MmoeService.Api.Tests.Spool;

[Trait("Kind", "Unit")]
public sealed class ExposureSpoolTests : IDisposable
{
    private readonly SpoolFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Spool_AppendedAcrossSegments_ReadsBackInOrderAndDeletesWhatIsReplayed()
    {
        using var spool = _folder.Open(new SpoolOptions { SegmentBytes = 1024, FsyncPolicy = FsyncPolicy.EveryBatch });
        spool.Append(SpoolFolder.Exposures(0, 30));
        spool.Append(SpoolFolder.Exposures(30, 30));
        Assert.True(_folder.Segments().Length > 1, "small segments roll over");

        var replayed = new List<string>();
        while (spool.ReadBatch(7) is { } batch)
        {
            replayed.AddRange(batch.Events.Select(e => e.RequestId));
            spool.Acknowledge(batch);
        }

        Assert.Equal(Enumerable.Range(0, 60).Select(SpoolFolder.Id), replayed);
        Assert.Equal(0, spool.Records);
        Assert.Equal(0, spool.Bytes);
        Assert.Empty(_folder.Segments());
        Assert.Null(spool.OldestTime);
    }

    [Fact]
    public void Spool_BatchNotAcknowledged_IsReadAgain()
    {
        using var spool = _folder.Open();
        spool.Append(SpoolFolder.Exposures(0, 5));

        var first = spool.ReadBatch(3)!;
        var again = spool.ReadBatch(3)!;

        Assert.Equal(first.Events.Select(e => e.RequestId), again.Events.Select(e => e.RequestId));
        Assert.Equal(5, spool.Records);
    }

    [Fact]
    public void Spool_Reopened_ReplaysOnlyWhatWasNotAcknowledged()
    {
        using (var spool = _folder.Open())
        {
            spool.Append(SpoolFolder.Exposures(0, 10));
            spool.Acknowledge(spool.ReadBatch(4)!);
        }

        using var reopened = _folder.Open();

        Assert.Equal(6, reopened.Records);
        Assert.Equal(SpoolFolder.Exposure(4).Time, reopened.OldestTime);
        Assert.Equal(Enumerable.Range(4, 6).Select(SpoolFolder.Id), reopened.ReadBatch(100)!.Events.Select(e => e.RequestId));
    }

    [Fact]
    public void Spool_TornTail_IsCutOffCountedAndNeverReplayed()
    {
        using (var spool = _folder.Open())
        {
            spool.Append(SpoolFolder.Exposures(0, 5));
        }

        // The process died in the middle of writing the fifth record.
        var segment = _folder.Segments().Single();
        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }

        using var reopened = _folder.Open();
        reopened.Append(SpoolFolder.Exposures(5, 1));

        Assert.Equal(5, reopened.Records);
        Assert.Equal(["r0000", "r0001", "r0002", "r0003", "r0005"], reopened.ReadBatch(100)!.Events.Select(e => e.RequestId));
        Assert.Contains("mmoe_exposure_spool_corrupt_total 1", _folder.Export(), StringComparison.Ordinal);
    }

    [Fact]
    public void Spool_FlippedByteInOneRecord_SkipsOnlyThatRecordAndCountsIt()
    {
        using (var spool = _folder.Open())
        {
            spool.Append(SpoolFolder.Exposures(0, 5));
        }

        var segment = _folder.Segments().Single();
        var bytes = File.ReadAllBytes(segment);
        var frame = bytes.Length / 5;   // equal records: same-length ids and items
        bytes[(2 * frame) + SpoolFrame.HeaderBytes + 4] ^= 0x40;
        File.WriteAllBytes(segment, bytes);

        using var reopened = _folder.Open();

        Assert.Equal(4, reopened.Records);
        Assert.Equal(["r0000", "r0001", "r0003", "r0004"], reopened.ReadBatch(100)!.Events.Select(e => e.RequestId));
        Assert.Contains("mmoe_exposure_spool_corrupt_total 1", _folder.Export(), StringComparison.Ordinal);
    }

    [Fact]
    public void Spool_GarbageLengthPrefix_EndsTheSegmentThere()
    {
        using (var spool = _folder.Open())
        {
            spool.Append(SpoolFolder.Exposures(0, 4));
        }

        var segment = _folder.Segments().Single();
        var bytes = File.ReadAllBytes(segment);
        var frame = bytes.Length / 4;
        bytes[(1 * frame) + 3] = 0xFF;   // the second record's length now claims gigabytes
        File.WriteAllBytes(segment, bytes);

        using var reopened = _folder.Open();

        Assert.Equal(1, reopened.Records);
        Assert.Equal(["r0000"], reopened.ReadBatch(100)!.Events.Select(e => e.RequestId));
        Assert.Equal(frame, new FileInfo(segment).Length);
        Assert.Contains("mmoe_exposure_spool_corrupt_total 1", _folder.Export(), StringComparison.Ordinal);
    }

    [Fact]
    public void Spool_Full_DropsTheRestAndCountsThem()
    {
        using var spool = _folder.Open(new SpoolOptions { MaxBytes = 2_000, SegmentBytes = 1_000 });

        var spooled = spool.Append(SpoolFolder.Exposures(0, 100));

        Assert.InRange(spooled, 1, 99);
        Assert.True(spool.Bytes <= 2_000, $"{spool.Bytes} bytes on disk");
        Assert.Contains($"mmoe_exposure_spool_dropped_total {100 - spooled}", _folder.Export(), StringComparison.Ordinal);
        Assert.Contains($"mmoe_exposures_spooled_total {spooled}", _folder.Export(), StringComparison.Ordinal);
    }

    [Fact]
    public void Spool_Disabled_TouchesNoDisk()
    {
        using var spool = _folder.Open(new SpoolOptions { Enabled = false });

        Assert.Equal(0, spool.Append(SpoolFolder.Exposures(0, 3)));
        Assert.False(Directory.Exists(_folder.Path));
    }

    [Fact]
    public void Spool_Depth_IsPublishedOnEveryScrape()
    {
        using var spool = _folder.Open();
        spool.Append(SpoolFolder.Exposures(0, 3));

        var text = _folder.Export();

        Assert.Contains("mmoe_exposure_spool_records 3", text, StringComparison.Ordinal);
        Assert.Contains($"mmoe_exposure_spool_bytes {spool.Bytes}", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_exposure_spool_dropped_total 0", text, StringComparison.Ordinal);
    }
}
