namespace MmoeService.Trainer.Data;

/// <summary>A feature column of a <see cref="DatasetSpec"/>.</summary>
public sealed class SpecFeature
{
    public string Column { get; set; } = string.Empty;

    /// <summary><c>numeric</c>, <c>categorical</c> (vocabulary from the training split) or <c>hashed</c>.</summary>
    public string Kind { get; set; } = "numeric";

    /// <summary>Categorical: training-split count a value needs for its own row; rarer values share the out-of-vocabulary row.</summary>
    public int MinCount { get; set; } = 1;

    /// <summary>Hashed: bucket count.</summary>
    public int Buckets { get; set; }

    /// <summary><c>item</c> (per candidate, default) or <c>context</c> (per request) in <c>POST /score</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>Embedding width; the trainer's rule when absent.</summary>
    public int? EmbeddingDim { get; set; }
}
