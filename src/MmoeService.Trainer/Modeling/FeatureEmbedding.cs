using MmoeService.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// Turns the two encoded inputs into one dense row: one learned embedding table per categorical feature
/// (in schema order), concatenated after the standardised numeric features.
/// </summary>
public sealed class FeatureEmbedding : nn.Module<Tensor, Tensor, Tensor>
{
    // "embedding.tables.<i>.weight" is the [cardinality, dim] table of categorical feature i.
    private readonly ModuleList<Embedding> tables;

    public FeatureEmbedding(FeatureSchema schema) : base(nameof(FeatureEmbedding))
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Numeric.Count + schema.Categorical.Count == 0)
        {
            throw new ArgumentException("A model needs at least one feature.", nameof(schema));
        }

        tables = nn.ModuleList(schema.Categorical.Select(f => nn.Embedding(f.Cardinality, f.EmbeddingDim)).ToArray());
        NumericWidth = schema.Numeric.Count;
        OutputSize = schema.Numeric.Count + schema.Categorical.Sum(f => (long)f.EmbeddingDim);
        RegisterComponents();
    }

    public int NumericWidth { get; }

    /// <summary>Width of the embedded row the experts, gates and bottom see.</summary>
    public long OutputSize { get; }

    public override Tensor forward(Tensor numeric, Tensor categorical)
    {
        var parts = new List<Tensor>(tables.Count + 1);
        if (NumericWidth > 0)
        {
            parts.Add(numeric);
        }

        for (var i = 0; i < tables.Count; i++)
        {
            parts.Add(tables[i].call(categorical.select(1, i)));
        }

        return parts.Count == 1 ? parts[0] : torch.cat(parts, 1);
    }
}
