using System.Text;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.ExperimentPlatform.Spool;

/// <summary>
/// The spool's record payload: an <see cref="ExposureEvent"/> in a compact little-endian binary form whose first byte
/// is the format version, so a spool written by an older build still replays after an upgrade. Strings are UTF-8
/// with a 7-bit length, counts are 7-bit integers, floats are raw. A payload this build cannot read (unknown
/// version, truncated, out-of-range values) raises <see cref="InvalidDataException"/>, never a half-filled event.
/// </summary>
public static class ExposureCodec
{
    public const byte Version1 = 1;

    /// <summary>Version 1 plus one byte per item after its score: its interleaving team (0 none, 1 control, 2 treatment).</summary>
    public const byte Version2 = 2;

    public static void Encode(ExposureEvent exposure, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        writer.Write(Version2);
        writer.Write(exposure.RequestId);
        WriteOptional(writer, exposure.Experiment);
        writer.Write(exposure.Arm);
        writer.Write(exposure.Enrolled);
        writer.Write((byte)exposure.Reason);
        writer.Write(exposure.UnitHash);
        writer.Write(exposure.Model);
        writer.Write(exposure.ModelVersion.HasValue);
        writer.Write(exposure.ModelVersion ?? 0);
        writer.Write7BitEncodedInt(exposure.Tasks.Count);
        foreach (var task in exposure.Tasks)
        {
            writer.Write(task);
        }

        writer.Write7BitEncodedInt(exposure.Items.Count);
        foreach (var item in exposure.Items)
        {
            writer.Write(item.ItemId);
            writer.Write7BitEncodedInt(item.Rank);
            WriteFloats(writer, item.Predictions);
            writer.Write(item.Score);
            writer.Write(item.Team switch { null => (byte)0, Team.Control => (byte)1, _ => (byte)2 });
        }

        writer.Write(exposure.MeanGates is not null);
        if (exposure.MeanGates is { } gates)
        {
            writer.Write7BitEncodedInt(gates.Count);
            foreach (var task in gates)
            {
                WriteFloats(writer, task);
            }
        }

        writer.Write(exposure.ConcentratedShare is not null);
        if (exposure.ConcentratedShare is { } share)
        {
            WriteFloats(writer, share);
        }

        writer.Write7BitEncodedInt(exposure.Candidates);
        writer.Write7BitEncodedInt(exposure.StatusCode);
        writer.Write(exposure.LatencyMs);
        writer.Write(exposure.Time.UtcTicks);
        writer.Write((short)exposure.Time.Offset.TotalMinutes);
    }

    public static ExposureEvent Decode(ReadOnlyMemory<byte> payload)
    {
        using var stream = new MemoryStream(payload.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var version = reader.ReadByte();
            if (version is not (Version1 or Version2))
            {
                throw new InvalidDataException($"Unknown exposure record version {version}.");
            }

            var requestId = reader.ReadString();
            var experiment = ReadOptional(reader);
            var arm = reader.ReadString();
            var enrolled = reader.ReadBoolean();
            var reason = (AssignmentReason)reader.ReadByte();
            if (!Enum.IsDefined(reason))
            {
                throw new InvalidDataException($"Unknown assignment reason {(int)reason}.");
            }

            var unitHash = reader.ReadString();
            var model = reader.ReadString();
            var hasVersion = reader.ReadBoolean();
            var modelVersion = reader.ReadInt32();
            var tasks = new string[Count(reader, stream)];
            for (var i = 0; i < tasks.Length; i++)
            {
                tasks[i] = reader.ReadString();
            }

            var items = new ShownItem[Count(reader, stream)];
            for (var i = 0; i < items.Length; i++)
            {
                var itemId = reader.ReadString();
                var rank = reader.Read7BitEncodedInt();
                var predictions = ReadFloats(reader, stream);
                var score = reader.ReadDouble();
                var team = version == Version1 ? (byte)0 : reader.ReadByte();
                items[i] = new ShownItem(itemId, rank, predictions, score, team switch
                {
                    0 => null,
                    1 => Team.Control,
                    2 => Team.Treatment,
                    _ => throw new InvalidDataException($"Unknown team {team}."),
                });
            }

            float[][]? gates = null;
            if (reader.ReadBoolean())
            {
                gates = new float[Count(reader, stream)][];
                for (var i = 0; i < gates.Length; i++)
                {
                    gates[i] = ReadFloats(reader, stream);
                }
            }

            var share = reader.ReadBoolean() ? ReadFloats(reader, stream) : null;
            var candidates = reader.Read7BitEncodedInt();
            var status = reader.Read7BitEncodedInt();
            var latency = reader.ReadDouble();
            var ticks = reader.ReadInt64();
            var offset = TimeSpan.FromMinutes(reader.ReadInt16());
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException("Trailing bytes after the exposure record.");
            }

            return new ExposureEvent(
                requestId, experiment, arm, enrolled, reason, unitHash, model, hasVersion ? modelVersion : null, tasks, items,
                gates, share, candidates, status, latency, new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset));
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException("Malformed exposure record.", ex);
        }
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteFloats(BinaryWriter writer, IReadOnlyList<float> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, Stream stream)
    {
        var values = new float[Count(reader, stream, bytesEach: sizeof(float))];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    /// <summary>A count no larger than the bytes left could hold, so a damaged record cannot ask for a huge array.</summary>
    private static int Count(BinaryReader reader, Stream stream, int bytesEach = 1)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || (long)count * bytesEach > stream.Length - stream.Position)
        {
            throw new InvalidDataException($"Record count {count} exceeds the record.");
        }

        return count;
    }
}
