using System.Buffers;

namespace MmoeService.Api.Scoring;

/// <summary>
/// A request body read into <see cref="ArrayPool{T}.Shared"/> buffers rather than a fresh array per request (a
/// 1,000-candidate body is ~90 KB, which would land on the large object heap every time). The owner disposes it
/// once parsing is done; nothing may keep <see cref="WrittenSpan"/> after that.
/// </summary>
internal sealed class PooledBody(int initialCapacity) : IDisposable
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public int WrittenCount { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => Live().AsSpan(0, WrittenCount);

    /// <summary>Free space for at least <paramref name="sizeHint"/> more bytes, growing (and copying) when needed.</summary>
    public Memory<byte> GetMemory(int sizeHint)
    {
        var buffer = Live();
        if (buffer.Length - WrittenCount < sizeHint)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, WrittenCount + sizeHint));
            buffer.AsSpan(0, WrittenCount).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = buffer = bigger;
        }

        return buffer.AsMemory(WrittenCount);
    }

    public void Advance(int count) => WrittenCount += count;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Live() => _buffer ?? throw new ObjectDisposedException(nameof(PooledBody));
}
