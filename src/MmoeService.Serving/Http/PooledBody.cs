using System.Buffers;

namespace MmoeService.Serving.Http;

/// <summary>
/// A request body read into <see cref="ArrayPool{T}.Shared"/> buffers rather than a fresh array per request (a
/// 1,000-candidate body is ~90 KB, which would land on the large object heap every time). The owner disposes it
/// once parsing is done; nothing may keep <see cref="WrittenSpan"/> after that.
/// </summary>
public sealed class PooledBody(int initialCapacity) : IDisposable
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

    /// <summary>
    /// Reads a request body of at most <paramref name="limit"/> bytes into pooled memory the caller disposes; null
    /// when the body is larger (by Content-Length, by Kestrel's own limit for chunked bodies, or by count).
    /// </summary>
    /// <exception cref="BadHttpRequestException">The body could not be read for another reason.</exception>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Let Kestrel enforce the same limit for chunked bodies; the count below covers servers without the feature.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        PooledBody? buffer = new((int)Math.Min(limit, request.ContentLength ?? 16 * 1024) + 1);
        try
        {
            while (true)
            {
                // The buffer is sized from Content-Length, so the last read (of 0 bytes) must not grow it.
                var read = await request.Body.ReadAsync(buffer.GetMemory(1), cancellationToken);
                if (read == 0)
                {
                    // The caller owns the body from here on.
                    var body = buffer;
                    buffer = null;
                    return body;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            buffer?.Dispose();
        }
    }

    /// <summary>A <see cref="System.Text.Json.JsonException"/> message without its trailing "Path: …" part, for a field error.</summary>
    public static string FirstSentence(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private byte[] Live() => _buffer ?? throw new ObjectDisposedException(nameof(PooledBody));
}
