using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Exposures;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>
/// An append-only disk buffer of exposures the store could not take (Fluent Bit's filesystem buffering, Kafka's log
/// segments): numbered segment files of <see cref="SpoolFrame"/> records, oldest first, plus a <c>cursor</c> file
/// naming the first byte not yet replayed. Replay reads from the cursor in order; an acknowledged batch moves the
/// cursor and deletes the segments it finished. A crash between a store commit and the cursor update replays that
/// batch again, which the store skips (exposures are keyed by request id).
/// <para>
/// Opening scans what an earlier process left: records before the cursor are gone, intact records count, a record
/// whose checksum fails is skipped and counted, a torn tail is cut off and counted. Memory stays bounded: the spool
/// keeps one entry per segment and reads at most one replay batch at a time.
/// </para>
/// <para>
/// Not thread-safe: one owner (the exposure writer) appends, reads and acknowledges; only the depth figures
/// (<see cref="Records"/>, <see cref="Bytes"/>, <see cref="OldestTime"/>) may be read from other threads.
/// </para>
/// </summary>
public sealed partial class ExposureSpool : IDisposable
{
    private const string CursorName = "cursor";

    private readonly SpoolOptions _options;
    private readonly SpoolMetrics _metrics;
    private readonly ILogger<ExposureSpool> _logger;
    private readonly TimeProvider _time;
    private readonly List<SpoolSegment> _segments = [];
    private readonly MemoryStream _frame = new();
    private byte[] _readBuffer = new byte[64 * 1024];
    private FileStream? _active;
    private long _cursorSegment;
    private long _cursorOffset;
    private long _nextSegment = 1;
    private long _records;
    private long _bytes;
    private long _oldestTicks;
    private bool _opened;
    private bool _faulted;
    private bool _full;

    public ExposureSpool(IOptions<SpoolOptions> options, string directory, SpoolMetrics metrics, TimeProvider time, ILogger<ExposureSpool> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _time = time;
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        Directory = directory;
        _metrics = metrics;
        _logger = logger;
        metrics.TrackSpool(this);
    }

    /// <summary>The folder of the segment files.</summary>
    public string Directory { get; }

    /// <summary>Configured on and its folder usable (an unusable folder turns the spool off for the process, logged once).</summary>
    public bool Enabled
    {
        get
        {
            Open();
            return _options.Enabled && !_faulted;
        }
    }

    /// <summary><see cref="SpoolOptions.MaxBytes"/> when the spool is on, else 0.</summary>
    public long CapacityBytes => _options.Enabled && !_faulted ? _options.MaxBytes : 0;

    /// <summary>Exposures spooled and not yet replayed.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Bytes of segment files on disk (the replayed part of the oldest segment included, until it is deleted).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Scoring time of the oldest exposure not yet replayed, to within one replay batch; null when empty.</summary>
    public DateTimeOffset? OldestTime => Interlocked.Read(ref _oldestTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>How long the oldest exposure not yet replayed has waited (zero when the spool is empty).</summary>
    public TimeSpan OldestAge => OldestTime is { } oldest && _time.GetUtcNow() - oldest is var age && age > TimeSpan.Zero ? age : TimeSpan.Zero;

    /// <summary>
    /// Appends <paramref name="exposures"/> in order and writes them through to the OS (fsync as configured).
    /// Returns how many were spooled; the others did not fit under <see cref="SpoolOptions.MaxBytes"/> (or the disk
    /// failed) and are dropped and counted.
    /// </summary>
    public int Append(IReadOnlyList<ExposureEvent> exposures)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        if (!Enabled)
        {
            return 0;
        }

        var appended = 0;
        try
        {
            foreach (var exposure in exposures)
            {
                _frame.SetLength(SpoolFrame.HeaderBytes);
                _frame.Position = SpoolFrame.HeaderBytes;
                ExposureCodec.Encode(exposure, _frame);
                var frame = _frame.GetBuffer().AsSpan(0, (int)_frame.Length);
                if (frame.Length - SpoolFrame.HeaderBytes > SpoolFrame.MaxPayloadBytes || Bytes + frame.Length > _options.MaxBytes)
                {
                    continue;
                }

                SpoolFrame.WriteHeader(frame);
                var (stream, segment) = ActiveSegment(frame.Length);
                stream.Write(frame);
                segment.Length += frame.Length;
                segment.Records++;
                Interlocked.Add(ref _bytes, frame.Length);
                if (Interlocked.Increment(ref _records) == 1)
                {
                    Interlocked.Exchange(ref _oldestTicks, exposure.Time.UtcTicks);
                }

                appended++;
            }

            _active?.Flush(flushToDisk: _options.FsyncPolicy == FsyncPolicy.EveryBatch);
        }
        catch (IOException ex)
        {
            // Disk full or failing: what was written so far is accounted for; a half-written frame lies beyond the
            // segment's accounted length, and a later open cuts it off as a torn tail.
            SpoolWriteFailed(_logger, ex);
            CloseActive(flushToDisk: false);
        }

        _metrics.ExposuresSpooled(appended);
        var dropped = exposures.Count - appended;
        if (dropped > 0)
        {
            _metrics.SpoolDropped(dropped);
            if (!_full)
            {
                _full = true;
                SpoolFull(_logger, dropped, Bytes, _options.MaxBytes);
            }
        }
        else
        {
            _full = false;
        }

        return appended;
    }

    /// <summary>Up to <paramref name="max"/> of the oldest spooled exposures, in order; null when the spool is empty.</summary>
    public ReplayBatch? ReadBatch(int max)
    {
        if (!Enabled || Records == 0)
        {
            return null;
        }

        var events = new List<ExposureEvent>(Math.Min(max, (int)Math.Min(Records, int.MaxValue)));
        var consumed = new List<(SpoolSegment, long)>();
        long endSegment = _cursorSegment, endOffset = _cursorOffset;
        foreach (var segment in _segments)
        {
            var position = segment.Sequence == _cursorSegment ? _cursorOffset : 0;
            if (position >= segment.Length)
            {
                continue;
            }

            long taken = 0;
            using (var stream = OpenRead(segment.Path))
            {
                while (position < segment.Length && events.Count < max)
                {
                    var read = SpoolFrame.Read(stream, position, segment.Length, ref _readBuffer);
                    if (read.Status == FrameStatus.Intact)
                    {
                        taken++;
                        if (TryDecode(read.Payload) is { } exposure)
                        {
                            events.Add(exposure);
                        }
                    }
                    else if (!segment.Scanned)
                    {
                        // Damaged on disk since this process appended it: skipped, never replayed as garbage. (In a
                        // scanned segment the open already counted it.)
                        _metrics.SpoolCorrupt(1);
                    }

                    position = read.Next;
                }
            }

            consumed.Add((segment, taken));
            (endSegment, endOffset) = (segment.Sequence, position);
            if (events.Count >= max)
            {
                break;
            }
        }

        return new ReplayBatch(events, consumed, endSegment, endOffset);
    }

    /// <summary>The store committed <paramref name="batch"/>: moves the cursor past it and deletes finished segments.</summary>
    public void Acknowledge(ReplayBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var (segment, records) in batch.Consumed)
        {
            segment.Records -= records;
            Interlocked.Add(ref _records, -records);
        }

        (_cursorSegment, _cursorOffset) = (batch.EndSegment, batch.EndOffset);
        while (_segments.Count > 0 && _segments[0] is var head
               && (head.Sequence < _cursorSegment || (head.Sequence == _cursorSegment && _cursorOffset >= head.Length)))
        {
            if (ReferenceEquals(head, _segments[^1]) && _active is not null)
            {
                CloseActive(flushToDisk: false);
            }

            _segments.RemoveAt(0);
            Interlocked.Add(ref _bytes, -head.Length);
            Interlocked.Add(ref _records, -head.Records);
            TryDelete(head.Path);
        }

        WriteCursor();
        Interlocked.Exchange(ref _oldestTicks, Records == 0 ? 0 : batch.Events.Count > 0 ? batch.Events[^1].Time.UtcTicks : Interlocked.Read(ref _oldestTicks));
        _metrics.ExposuresReplayed(batch.Events.Count);
    }

    /// <summary>Seals the open segment, forcing it to disk unless the policy is <see cref="FsyncPolicy.Never"/>.</summary>
    public void Dispose()
    {
        CloseActive(flushToDisk: _options.FsyncPolicy != FsyncPolicy.Never);
        _frame.Dispose();
    }

    /// <summary>
    /// Scans the folder once (the writer calls it at start; every member that needs it opens on first use): what an
    /// earlier process spooled is counted and replayed first. Until then the depth figures read zero.
    /// </summary>
    public void Open()
    {
        if (_opened)
        {
            return;
        }

        _opened = true;
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            ReadCursor();
            long corrupt = 0;
            var files = System.IO.Directory.EnumerateFiles(Directory, "*.seg")
                .Select(path => (Path: path, Sequence: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
                .Where(f => f.Sequence > 0)
                .OrderBy(f => f.Sequence);
            foreach (var (path, sequence) in files)
            {
                _nextSegment = Math.Max(_nextSegment, sequence + 1);
                if (sequence < _cursorSegment)
                {
                    TryDelete(path);
                    continue;
                }

                var scan = Scan(path, sequence == _cursorSegment ? _cursorOffset : 0);
                corrupt += scan.Corrupt;
                if (scan.Records == 0)
                {
                    TryDelete(path);
                    continue;
                }

                _segments.Add(new SpoolSegment(sequence, path, scan.Length, scan.Records, scanned: true));
                Interlocked.Add(ref _records, scan.Records);
                Interlocked.Add(ref _bytes, scan.Length);
                if (Interlocked.Read(ref _oldestTicks) == 0 && scan.FirstTime is { } first)
                {
                    Interlocked.Exchange(ref _oldestTicks, first.UtcTicks);
                }
            }

            _metrics.SpoolCorrupt(corrupt);
            if (Records > 0 || corrupt > 0)
            {
                SpoolOpened(_logger, Records, Bytes, _segments.Count, corrupt, Directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _faulted = true;
            SpoolUnusable(_logger, ex, Directory);
        }
    }

    /// <summary>Counts the intact records of a segment from <paramref name="start"/> and cuts off a torn tail.</summary>
    private (long Records, long Length, long Corrupt, DateTimeOffset? FirstTime) Scan(string path, long start)
    {
        long records = 0, corrupt = 0;
        DateTimeOffset? first = null;
        long position = start, length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            length = stream.Length;
            while (position < length)
            {
                var read = SpoolFrame.Read(stream, position, length, ref _readBuffer);
                if (read.Status == FrameStatus.Torn)
                {
                    corrupt++;
                    stream.SetLength(position);
                    length = position;
                    break;
                }

                if (read.Status == FrameStatus.Corrupt)
                {
                    corrupt++;
                }
                else
                {
                    records++;
                    first ??= TryDecode(read.Payload)?.Time;
                }

                position = read.Next;
            }
        }

        return (records, length, corrupt, first);
    }

    private ExposureEvent? TryDecode(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return ExposureCodec.Decode(payload);
        }
        catch (InvalidDataException ex)
        {
            // Intact bytes this build cannot read (a newer format): skipped and counted, never guessed at.
            _metrics.SpoolCorrupt(1);
            UndecodableRecord(_logger, ex);
            return null;
        }
    }

    private (FileStream Stream, SpoolSegment Segment) ActiveSegment(int frameBytes)
    {
        if (_active is not null && _segments[^1].Length > 0 && _segments[^1].Length + frameBytes > _options.SegmentBytes)
        {
            CloseActive(flushToDisk: _options.FsyncPolicy != FsyncPolicy.Never);
        }

        if (_active is null)
        {
            var sequence = _nextSegment++;
            var path = Path.Combine(Directory, SpoolSegment.FileName(sequence));
            _active = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 64 * 1024);
            _segments.Add(new SpoolSegment(sequence, path, 0, 0, scanned: false));
        }

        return (_active, _segments[^1]);
    }

    private void CloseActive(bool flushToDisk)
    {
        if (_active is null)
        {
            return;
        }

        try
        {
            _active.Flush(flushToDisk);
        }
        catch (IOException ex)
        {
            SpoolWriteFailed(_logger, ex);
        }
        finally
        {
            _active.Dispose();
            _active = null;
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);

    private void ReadCursor()
    {
        var path = Path.Combine(Directory, CursorName);
        if (!File.Exists(path))
        {
            return;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 20 && Crc32.HashToUInt32(bytes.AsSpan(0, 16)) == BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)))
        {
            _cursorSegment = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            _cursorOffset = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        }

        // A damaged cursor replays from the oldest segment left: duplicates, which the store skips, rather than gaps.
    }

    private void WriteCursor()
    {
        Span<byte> bytes = stackalloc byte[20];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, _cursorSegment);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], _cursorOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[16..], Crc32.HashToUInt32(bytes[..16]));
        var path = Path.Combine(Directory, CursorName);
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: _options.FsyncPolicy == FsyncPolicy.EveryBatch);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException ex)
        {
            // The batch is in the store; an old cursor only means it may be replayed (and skipped) again.
            SpoolWriteFailed(_logger, ex);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            SpoolWriteFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning,
        Message = "Exposure spool opened with {Records} exposures to replay ({Bytes} bytes in {Segments} segments, {Corrupt} damaged records skipped) in {Directory}")]
    private static partial void SpoolOpened(ILogger logger, long records, long bytes, int segments, long corrupt, string directory);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Exposure spool folder {Directory} is unusable; exposures wait in memory only")]
    private static partial void SpoolUnusable(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error,
        Message = "Exposure spool full: {Dropped} exposures dropped ({Bytes} of {MaxBytes} bytes used); further drops are counted in mmoe_exposure_spool_dropped_total")]
    private static partial void SpoolFull(ILogger logger, int dropped, long bytes, long maxBytes);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "Exposure spool write failed")]
    private static partial void SpoolWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Error, Message = "Skipped a spooled exposure this build cannot decode")]
    private static partial void UndecodableRecord(ILogger logger, Exception exception);
}
