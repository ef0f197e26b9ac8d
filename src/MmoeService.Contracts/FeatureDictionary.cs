using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MmoeService.Contracts;

/// <summary>
/// A candidate's (or a context's) raw features by name: the few entries of one JSON object, kept in arrival order in
/// one array instead of a hash table. A request carries up to thousands of these, each with a handful of features,
/// so a linear scan beats hashing and the set costs two allocations instead of a dictionary's four.
/// Names are unique (ordinal); <see cref="TryAdd"/> refuses a repeat.
/// </summary>
public sealed class FeatureDictionary : IReadOnlyDictionary<string, FeatureValue>
{
    private KeyValuePair<string, FeatureValue>[] _entries;
    private int _count;

    /// <summary>An empty set with room for <paramref name="capacity"/> features before it grows.</summary>
    public FeatureDictionary(int capacity = 4) => _entries = new KeyValuePair<string, FeatureValue>[Math.Max(capacity, 1)];

    /// <summary>The entries in the order they were added; valid until the next <see cref="TryAdd"/>.</summary>
    public ReadOnlySpan<KeyValuePair<string, FeatureValue>> Entries => _entries.AsSpan(0, _count);

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public FeatureValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No feature '{key}'.");

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Key;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<FeatureValue> Values
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Value;
            }
        }
    }

    /// <summary>Adds a feature; false (and nothing added) when the name is already present.</summary>
    public bool TryAdd(string name, FeatureValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ContainsKey(name))
        {
            return false;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count++] = new(name, value);
        return true;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out FeatureValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, FeatureValue>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _entries[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
