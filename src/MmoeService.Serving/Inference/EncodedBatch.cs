using System.Buffers;

namespace MmoeService.Serving.Inference;

/// <summary>
/// The model inputs of one request (or one coalesced batch), row-major, one row per candidate in request order.
/// The buffers are rented from <see cref="ArrayPool{T}.Shared"/> and usually longer than needed, so the tensors
/// are exposed as <see cref="Memory{T}"/> slices of exactly <c>Rows × width</c>; ONNX Runtime wraps those slices
/// without copying. The owner disposes the batch once the run that reads it has finished, which returns the
/// buffers to the pool; nothing may touch <see cref="Numeric"/> or <see cref="Categorical"/> afterwards.
/// </summary>
public sealed class EncodedBatch : IDisposable
{
    private float[]? _numeric;
    private long[]? _categorical;

    private EncodedBatch(int rows, int numericWidth, int categoricalWidth)
    {
        Rows = rows;
        NumericWidth = numericWidth;
        CategoricalWidth = categoricalWidth;
        _numeric = ArrayPool<float>.Shared.Rent(rows * numericWidth);
        _categorical = ArrayPool<long>.Shared.Rent(rows * categoricalWidth);
    }

    /// <summary>Candidates (rows) in the batch.</summary>
    public int Rows { get; }

    /// <summary>Numeric features per row.</summary>
    public int NumericWidth { get; }

    /// <summary>Categorical features per row.</summary>
    public int CategoricalWidth { get; }

    /// <summary>Standardised numeric features, Rows × NumericWidth.</summary>
    public Memory<float> Numeric => Live(_numeric).AsMemory(0, Rows * NumericWidth);

    /// <summary>Embedding row indices, Rows × CategoricalWidth.</summary>
    public Memory<long> Categorical => Live(_categorical).AsMemory(0, Rows * CategoricalWidth);

    /// <summary>A batch of <paramref name="rows"/> rows over pooled buffers; every row must be written before the run.</summary>
    public static EncodedBatch Rent(int rows, int numericWidth, int categoricalWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(numericWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(categoricalWidth);
        return new EncodedBatch(rows, numericWidth, categoricalWidth);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _numeric, null) is { } numeric)
        {
            ArrayPool<float>.Shared.Return(numeric);
        }

        if (Interlocked.Exchange(ref _categorical, null) is { } categorical)
        {
            ArrayPool<long>.Shared.Return(categorical);
        }
    }

    private static T[] Live<T>(T[]? buffer) => buffer ?? throw new ObjectDisposedException(nameof(EncodedBatch));
}
