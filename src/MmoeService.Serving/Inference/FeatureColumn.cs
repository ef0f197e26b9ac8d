using System.Buffers;
using System.Runtime.CompilerServices;
using MmoeService.Contracts;

namespace MmoeService.Serving.Inference;

/// <summary>
/// One feature over every candidate of a request, as the request gave it: per row absent, null, a number or a text.
/// The parser writes candidates straight into these columns (one per distinct feature name in the request) instead
/// of an object per candidate, and the vectoriser reads each column once. The arrays are rented from
/// <see cref="ArrayPool{T}.Shared"/> and returned when the request that owns them is done.
/// </summary>
public sealed class FeatureColumn : IDisposable
{
    private byte[] _kinds;
    private double[] _numbers;
    private string?[] _texts;

    internal FeatureColumn(string name, int capacity)
    {
        Name = name;
        capacity = Math.Max(capacity, 16);
        _kinds = ArrayPool<byte>.Shared.Rent(capacity);
        _numbers = ArrayPool<double>.Shared.Rent(capacity);
        _texts = ArrayPool<string?>.Shared.Rent(capacity);
    }

    /// <summary>What a row holds for this feature.</summary>
    public enum Kind : byte
    {
        /// <summary>The candidate does not name the feature: it takes the context's value, or missing.</summary>
        Absent = 0,

        /// <summary>The candidate gives JSON null: missing.</summary>
        Null,

        /// <summary>A finite number.</summary>
        Number,

        /// <summary>A text.</summary>
        Text,
    }

    public string Name { get; }

    /// <summary>Rows written so far; rows past it are absent.</summary>
    public int Rows { get; private set; }

    /// <summary>The value of <paramref name="row"/>, or <see cref="Kind.Absent"/>.</summary>
    public Kind KindAt(int row) => row < Rows ? (Kind)_kinds[row] : Kind.Absent;

    /// <summary>The raw value of a row that is not absent.</summary>
    public FeatureValue ValueAt(int row) => KindAt(row) switch
    {
        Kind.Number => FeatureValue.FromNumber(_numbers[row]),
        Kind.Text => FeatureValue.FromText(_texts[row]!),
        _ => FeatureValue.Missing,
    };

    /// <summary>Sets <paramref name="row"/>; false when the row already has a value (a name given twice).</summary>
    internal bool TrySet(int row, FeatureValue value)
    {
        if (row < Rows)
        {
            if ((Kind)_kinds[row] != Kind.Absent)
            {
                return false;
            }
        }
        else
        {
            Grow(row + 1);
            _kinds.AsSpan(Rows, row + 1 - Rows).Clear();
            Rows = row + 1;
        }

        if (value.Number is { } number)
        {
            _kinds[row] = (byte)Kind.Number;
            _numbers[row] = number;
        }
        else if (value.Text is { } text)
        {
            _kinds[row] = (byte)Kind.Text;
            _texts[row] = text;
        }
        else
        {
            _kinds[row] = (byte)Kind.Null;
        }

        return true;
    }

    public void Dispose()
    {
        // Texts are cleared so the pool does not keep a request's strings alive.
        _texts.AsSpan(0, Rows).Clear();
        ArrayPool<byte>.Shared.Return(_kinds);
        ArrayPool<double>.Shared.Return(_numbers);
        ArrayPool<string?>.Shared.Return(_texts);
        _kinds = [];
        _numbers = [];
        _texts = [];
        Rows = 0;
    }

    private void Grow(int rows)
    {
        if (rows <= _kinds.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, _kinds.Length * 2);
        _kinds = Grow(_kinds, capacity, Rows);
        _numbers = Grow(_numbers, capacity, Rows);
        _texts = Grow(_texts, capacity, Rows);
    }

    private static T[] Grow<T>(T[] old, int capacity, int used)
    {
        var bigger = ArrayPool<T>.Shared.Rent(capacity);
        old.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(old, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        return bigger;
    }
}
