namespace MmoeService.Contracts;

/// <summary>A raw value that cannot be encoded for its feature (text for a numeric feature, NaN, infinity).</summary>
public sealed class FeatureEncodingException : Exception
{
    /// <summary>Creates the exception for <paramref name="feature"/>.</summary>
    public FeatureEncodingException(string feature, string message) : base(message) => Feature = feature;

    /// <summary>Creates the exception without a feature name.</summary>
    public FeatureEncodingException() : this(string.Empty, "Feature value cannot be encoded.") { }

    /// <summary>Creates the exception without a feature name.</summary>
    public FeatureEncodingException(string message) : this(string.Empty, message) { }

    /// <summary>Creates the exception without a feature name.</summary>
    public FeatureEncodingException(string message, Exception innerException) : base(message, innerException) => Feature = string.Empty;

    /// <summary>The feature whose value was rejected.</summary>
    public string Feature { get; }
}
