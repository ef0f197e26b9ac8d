namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>One segment file as the spool tracks it: its sequence number, readable length and records not yet replayed.</summary>
internal sealed class SpoolSegment(long sequence, string path, long length, long records, bool scanned)
{
    public long Sequence { get; } = sequence;

    public string Path { get; } = path;

    /// <summary>Bytes of whole records; a torn tail beyond it was cut off when the spool opened.</summary>
    public long Length { get; set; } = length;

    public long Records { get; set; } = records;

    /// <summary>Left by an earlier process and scanned at open, which already counted its damaged records.</summary>
    public bool Scanned { get; } = scanned;

    public static string FileName(long sequence) => sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + ".seg";
}
