using System.Text;

namespace MmoeService.Contracts;

/// <summary>
/// Turns raw feature values into the model's two input rows, exactly as the trainer encoded its data.
/// The trainer and the API both call this one implementation, so training and serving cannot drift apart.
/// Immutable and safe to share across threads.
/// </summary>
public sealed class FeatureEncoder
{
    private readonly Dictionary<string, int> _vocabularyIndex;
    private readonly Dictionary<string, long>[] _vocabularies;

    /// <summary>Builds lookup tables for <paramref name="schema"/>.</summary>
    public FeatureEncoder(FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _vocabularyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        _vocabularies = new Dictionary<string, long>[schema.Categorical.Count];
        for (var i = 0; i < schema.Categorical.Count; i++)
        {
            var feature = schema.Categorical[i];
            _vocabularies[i] = new Dictionary<string, long>(feature.Vocabulary.Count, StringComparer.Ordinal);
            for (var v = 0; v < feature.Vocabulary.Count; v++)
            {
                _vocabularies[i][feature.Vocabulary[v]] = v + 2L;
            }
        }
    }

    /// <summary>The schema this encoder applies.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Width of the numeric row.</summary>
    public int NumericWidth => Schema.Numeric.Count;

    /// <summary>Width of the categorical row.</summary>
    public int CategoricalWidth => Schema.Categorical.Count;

    /// <summary>
    /// Encodes one row. <paramref name="lookup"/> returns the raw value of a feature by name
    /// (<see cref="FeatureValue.Missing"/> when absent).
    /// </summary>
    /// <exception cref="FeatureEncodingException">A value has the wrong type or is not finite.</exception>
    public void EncodeRow(Func<string, FeatureValue> lookup, Span<float> numeric, Span<long> categorical)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        for (var i = 0; i < Schema.Numeric.Count; i++)
        {
            var feature = Schema.Numeric[i];
            numeric[i] = EncodeNumeric(feature, lookup(feature.Name));
        }

        for (var i = 0; i < Schema.Categorical.Count; i++)
        {
            categorical[i] = EncodeCategorical(i, lookup(Schema.Categorical[i].Name));
        }
    }

    /// <summary>Standardises one numeric value; missing becomes 0 (the training mean).</summary>
    public static float EncodeNumeric(NumericFeature feature, FeatureValue value)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (value.IsMissing)
        {
            return 0f;
        }

        if (value.Number is not { } number)
        {
            throw new FeatureEncodingException(feature.Name, $"Feature '{feature.Name}' is numeric but got a text value.");
        }

        if (!double.IsFinite(number))
        {
            throw new FeatureEncodingException(feature.Name, $"Feature '{feature.Name}' must be a finite number.");
        }

        // JSON numbers are doubles; the model reads float32. 1e308 is finite as a double and infinite as a float.
        if (Math.Abs(number) > float.MaxValue)
        {
            throw new FeatureEncodingException(
                feature.Name,
                $"Feature '{feature.Name}' does not fit the model's 32-bit float input (magnitude at most {float.MaxValue:R}).");
        }

        var standardised = (number - feature.Mean) / feature.Std;
        if (!(Math.Abs(standardised) <= MaxStandardisedMagnitude))
        {
            throw new FeatureEncodingException(
                feature.Name,
                $"Feature '{feature.Name}' is more than {MaxStandardisedMagnitude:0e0} standard deviations from its training mean ({feature.Mean:G6} ± {feature.Std:G6}); check its unit.");
        }

        return (float)standardised;
    }

    /// <summary>
    /// Largest accepted |(value - Mean) / Std|. No training row can come near it: by Samuelson's inequality a
    /// split of n rows standardised with its own mean and deviation stays within √(n-1), so reaching 10⁶ would
    /// take 10¹² rows. Beyond it the value is a unit mistake or an attack, and the network only saturates: without
    /// the bound a request with 1e30 scores exactly 0 for every task. Kept loose on purpose, so heavy-tailed
    /// features (counts, durations) a thousand deviations out still score.
    /// </summary>
    public const double MaxStandardisedMagnitude = 1e6;

    /// <summary>Embedding row of a categorical value of the feature at <paramref name="column"/>.</summary>
    public long EncodeCategorical(int column, FeatureValue value)
    {
        var feature = Schema.Categorical[column];
        if (value.Number is { } number && !double.IsFinite(number))
        {
            throw new FeatureEncodingException(feature.Name, $"Feature '{feature.Name}' must be a finite number or a text.");
        }

        var key = value.AsCategory();
        if (key is null)
        {
            return CategoricalFeature.MissingIndex;
        }

        if (feature.Encoding == CategoricalEncoding.Hashed)
        {
            return 1L + (long)(Fnv1a64(key) % (ulong)feature.HashBuckets);
        }

        return _vocabularies[column].TryGetValue(key, out var index) ? index : CategoricalFeature.UnseenIndex;
    }

    /// <summary>64-bit FNV-1a over the UTF-8 bytes: stable across processes and platforms, unlike string.GetHashCode.</summary>
    public static ulong Fnv1a64(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const ulong offsetBasis = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        Span<byte> buffer = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        var hash = offsetBasis;
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash *= prime;
        }

        return hash;
    }
}
