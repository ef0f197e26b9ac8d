using System.Text.Json.Serialization;

namespace MmoeService.Contracts;

/// <summary>
/// Every model input feature and its fitted encoding. The order of <see cref="Numeric"/> is the column
/// order of the <see cref="NumericInput"/> tensor; the order of <see cref="Categorical"/> is the column order
/// of the <see cref="CategoricalInput"/> tensor. A model without features of one kind has no such input.
/// </summary>
/// <param name="Numeric">Numeric features in tensor column order.</param>
/// <param name="Categorical">Categorical features in tensor column order.</param>
public sealed record FeatureSchema(IReadOnlyList<NumericFeature> Numeric, IReadOnlyList<CategoricalFeature> Categorical)
{
    /// <summary>Name of the float[N, numeric count] graph input.</summary>
    public const string NumericInput = "numeric";

    /// <summary>Name of the int64[N, categorical count] graph input.</summary>
    public const string CategoricalInput = "categorical";

    /// <summary>All feature names, numeric first, in tensor order.</summary>
    [JsonIgnore]
    public IEnumerable<string> Names => Numeric.Select(f => f.Name).Concat(Categorical.Select(f => f.Name));
}
