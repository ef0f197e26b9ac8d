namespace MmoeService.Serving.Inference;

/// <summary>
/// The gate output arrays of one model version, kept for the next request instead of a new array per run: the
/// gates are the largest output (candidates × experts per task) and an answer holds them only until it is written.
/// An array is handed out again only at its exact length, because readers take a task's gate width from the
/// array's length (so <see cref="System.Buffers.ArrayPool{T}"/>'s longer arrays do not fit). The store is small
/// and bounded; when it is full the oldest slot is replaced, so mixed request sizes cost at worst what a new
/// array per run costs. Thread-safe; one per <see cref="OnnxModel"/>.
/// </summary>
public sealed class GateBuffers(int capacity)
{
    private readonly float[]?[] _slots = new float[Math.Max(capacity, 1)][];
    private int _next;

    /// <summary>An array of exactly <paramref name="length"/> floats, with old values: the caller overwrites all of it.</summary>
    public float[] Rent(int length)
    {
        lock (_slots)
        {
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] is { } kept && kept.Length == length)
                {
                    _slots[i] = null;
                    return kept;
                }
            }
        }

        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Keeps <paramref name="buffer"/> for a later <see cref="Rent"/>; the caller must not touch it again.</summary>
    public void Return(float[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_slots)
        {
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] is null)
                {
                    _slots[i] = buffer;
                    return;
                }
            }

            _slots[_next] = buffer;
            _next = (_next + 1) % _slots.Length;
        }
    }
}
