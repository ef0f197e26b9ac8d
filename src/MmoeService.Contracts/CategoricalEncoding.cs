namespace MmoeService.Contracts;

/// <summary>How a categorical value becomes an embedding row index.</summary>
public static class CategoricalEncoding
{
    /// <summary>Index from a vocabulary fitted on the training split; see <see cref="CategoricalFeature"/>.</summary>
    public const string Vocabulary = "vocabulary";

    /// <summary>Index from a stable 64-bit FNV-1a hash of the UTF-8 value, modulo the bucket count.</summary>
    public const string Hashed = "hashed";
}
