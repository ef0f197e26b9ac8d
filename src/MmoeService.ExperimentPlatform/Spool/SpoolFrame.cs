using System.Buffers.Binary;
using System.IO.Hashing;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>
/// One record on disk: a 4-byte little-endian payload length, the payload's CRC-32 (4 bytes), then the payload.
/// The length says where the next record starts, the checksum whether this one is intact. A length that runs past
/// the end of the segment or above <see cref="MaxPayloadBytes"/> cannot be trusted, so nothing after it can be read
/// (a torn tail: the process died mid-write).
/// </summary>
public static class SpoolFrame
{
    public const int HeaderBytes = 8;

    /// <summary>Far above any real exposure (1,000 candidates are about 40 KB); a larger length is damage.</summary>
    public const int MaxPayloadBytes = 16 << 20;

    /// <summary>Writes the header for the payload that follows it in <paramref name="frame"/>.</summary>
    public static void WriteHeader(Span<byte> frame)
    {
        var payload = frame[HeaderBytes..];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32.HashToUInt32(payload));
    }

    /// <summary>Reads the record at <paramref name="position"/> of a segment whose readable end is <paramref name="end"/>.</summary>
    public static FrameRead Read(Stream stream, long position, long end, ref byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (end - position < HeaderBytes)
        {
            return new FrameRead(FrameStatus.Torn, end, default);
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        stream.Position = position;
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var next = position + HeaderBytes + length;
        if (length == 0 || length > MaxPayloadBytes || next > end)
        {
            return new FrameRead(FrameStatus.Torn, end, default);
        }

        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        var payload = buffer.AsMemory(0, (int)length);
        stream.ReadExactly(payload.Span);
        return Crc32.HashToUInt32(payload.Span) == checksum
            ? new FrameRead(FrameStatus.Intact, next, payload)
            : new FrameRead(FrameStatus.Corrupt, next, default);
    }
}

/// <summary>What <see cref="SpoolFrame.Read"/> found.</summary>
public enum FrameStatus
{
    /// <summary>The checksum matches: the payload is what was written.</summary>
    Intact,

    /// <summary>The framing holds but the checksum does not: skip this record, the next one starts at <see cref="FrameRead.Next"/>.</summary>
    Corrupt,

    /// <summary>The framing itself is damaged or cut off: nothing from here to the end of the segment can be read.</summary>
    Torn,
}

/// <summary>A record's status, where the next one starts, and (when intact) its payload, valid until the next read.</summary>
public readonly record struct FrameRead(FrameStatus Status, long Next, ReadOnlyMemory<byte> Payload);
