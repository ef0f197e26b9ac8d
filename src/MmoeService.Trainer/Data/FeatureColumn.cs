namespace MmoeService.Trainer.Data;

/// <summary>A raw input column and how to encode it.</summary>
/// <param name="Name">Column name; also the feature name in requests.</param>
/// <param name="Kind">Encoding family.</param>
/// <param name="Scope">Request placement for examples.</param>
/// <param name="MinCount">Vocabulary features: minimum training-split count for a value to get its own row.</param>
/// <param name="HashBuckets">Hashed features: bucket count.</param>
/// <param name="EmbeddingDim">Explicit embedding width; null uses the trainer's rule.</param>
public sealed record FeatureColumn(
    string Name,
    FeatureKind Kind,
    FeatureScope Scope = FeatureScope.Item,
    int MinCount = 1,
    int HashBuckets = 0,
    int? EmbeddingDim = null);
