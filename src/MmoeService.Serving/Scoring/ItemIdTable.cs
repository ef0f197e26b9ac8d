using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Text;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// The candidates' item ids, in request order, as UTF-8 in one array: two allocations per request instead of a
/// string per candidate. The answer writes the bytes; a string is made only when someone asks for one (the exposure
/// store, off the request path). Immutable once built; an empty id is stored as empty (the validator refuses it).
/// </summary>
public sealed class ItemIdTable
{
    private readonly byte[] _utf8;
    private readonly int[] _starts;

    private ItemIdTable(byte[] utf8, int[] starts)
    {
        _utf8 = utf8;
        _starts = starts;
    }

    public int Count => _starts.Length - 1;

    /// <summary>The id of <paramref name="row"/> as UTF-8 (unescaped).</summary>
    public ReadOnlySpan<byte> Utf8(int row) => _utf8.AsSpan(_starts[row], _starts[row + 1] - _starts[row]);

    /// <summary>The id of <paramref name="row"/> as a new string.</summary>
    public string Get(int row) => Encoding.UTF8.GetString(Utf8(row));

    /// <summary>A table of <paramref name="ids"/> (the binary protocols already hold strings).</summary>
    public static ItemIdTable Of(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var builder = new Builder(ids.Count * 8);
        foreach (var id in ids)
        {
            builder.Add(id);
        }

        return builder.Build();
    }

    /// <summary>Rows named by their position ("0", "1", ...), for a protocol whose candidates have no ids.</summary>
    public static ItemIdTable RowNumbers(int rows)
    {
        using var builder = new Builder(rows * 4);
        for (var row = 0; row < rows; row++)
        {
            Utf8Formatter.TryFormat(row, builder.Free(11), out var written);
            builder.Next(written);
        }

        return builder.Build();
    }

    /// <summary>
    /// Calls <paramref name="onRepeat"/> with each row whose id repeats an earlier row's, in row order, until it
    /// returns false. Empty ids are skipped (they are refused on their own).
    /// </summary>
    public void FindRepeats(Func<int, bool> onRepeat)
    {
        ArgumentNullException.ThrowIfNull(onRepeat);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(Count * 2, 16));
        var slots = ArrayPool<int>.Shared.Rent(size);
        try
        {
            // Open addressing over row numbers + 1 (0 is an empty slot).
            var table = slots.AsSpan(0, size);
            table.Clear();
            var mask = size - 1;
            for (var row = 0; row < Count; row++)
            {
                var id = Utf8(row);
                if (id.IsEmpty)
                {
                    continue;
                }

                var slot = Hash(id) & mask;
                while (true)
                {
                    var other = table[slot];
                    if (other == 0)
                    {
                        table[slot] = row + 1;
                        break;
                    }

                    if (Utf8(other - 1).SequenceEqual(id))
                    {
                        if (!onRepeat(row))
                        {
                            return;
                        }

                        break;
                    }

                    slot = (slot + 1) & mask;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slots);
        }
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return hash.ToHashCode() & int.MaxValue;
    }

    /// <summary>Collects ids in pooled buffers while a request is read; <see cref="Build"/> copies them out once.</summary>
    internal sealed class Builder(int capacityBytes) : IDisposable
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(capacityBytes, 256));
        private int[] _starts = ArrayPool<int>.Shared.Rent(64);
        private int _length;
        private int _count;

        public int Count => _count;

        /// <summary>Adds the next row's id (UTF-8, unescaped; empty for none).</summary>
        public void Add(ReadOnlySpan<byte> utf8)
        {
            Reserve(utf8.Length);
            utf8.CopyTo(_bytes.AsSpan(_length));
            Next(utf8.Length);
        }

        public void Add(string? id)
        {
            id ??= string.Empty;
            Reserve(Encoding.UTF8.GetMaxByteCount(id.Length));
            Next(Encoding.UTF8.GetBytes(id, _bytes.AsSpan(_length)));
        }

        /// <summary>Space for the next id's <paramref name="bytes"/> bytes, which the caller writes at <see cref="Free"/>.</summary>
        public Span<byte> Free(int bytes)
        {
            Reserve(bytes);
            return _bytes.AsSpan(_length, bytes);
        }

        /// <summary>Ends the row whose id the caller wrote into <see cref="Free"/>.</summary>
        public void Next(int written)
        {
            if (_count + 1 >= _starts.Length)
            {
                var bigger = ArrayPool<int>.Shared.Rent(_starts.Length * 2);
                _starts.AsSpan(0, _count + 1).CopyTo(bigger);
                ArrayPool<int>.Shared.Return(_starts);
                _starts = bigger;
            }

            _starts[_count] = _length;
            _length += written;
            _count++;
        }

        public ItemIdTable Build()
        {
            var starts = new int[_count + 1];
            _starts.AsSpan(0, _count).CopyTo(starts);
            starts[_count] = _length;
            return new ItemIdTable(_bytes.AsSpan(0, _length).ToArray(), starts);
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            ArrayPool<int>.Shared.Return(_starts);
            _bytes = [];
            _starts = [];
        }

        private void Reserve(int bytes)
        {
            if (_bytes.Length - _length >= bytes)
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + bytes));
            _bytes.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }
    }
}
