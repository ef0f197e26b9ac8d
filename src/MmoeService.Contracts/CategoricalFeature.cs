namespace MmoeService.Contracts;

/// <summary>
/// A categorical input, fed to a learned embedding table of <see cref="Cardinality"/> rows.
/// Row 0 is "missing" and row 1 is "unseen" (out of vocabulary) for vocabulary features;
/// vocabulary entry i maps to row i + 2. Hashed features use row 0 for missing and
/// 1 + (FNV-1a-64(value) mod <see cref="HashBuckets"/>) otherwise.
/// </summary>
/// <param name="Name">Feature name as it appears in requests and data files.</param>
/// <param name="Encoding">A <see cref="CategoricalEncoding"/> value.</param>
/// <param name="Vocabulary">Training-split values kept (count at least the spec's min count), in index order; empty when hashed.</param>
/// <param name="HashBuckets">Bucket count for hashed features; 0 for vocabulary features.</param>
/// <param name="EmbeddingDim">Width of this feature's embedding in the model.</param>
public sealed record CategoricalFeature(
    string Name,
    string Encoding,
    IReadOnlyList<string> Vocabulary,
    int HashBuckets,
    int EmbeddingDim)
{
    /// <summary>Reserved row for a missing value.</summary>
    public const long MissingIndex = 0;

    /// <summary>Reserved row for a value not in the vocabulary.</summary>
    public const long UnseenIndex = 1;

    /// <summary>Number of embedding rows, reserved rows included.</summary>
    public long Cardinality => Encoding == CategoricalEncoding.Hashed ? HashBuckets + 1L : Vocabulary.Count + 2L;
}
