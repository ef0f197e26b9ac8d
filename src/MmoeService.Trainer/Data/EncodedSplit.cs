using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// A split encoded for the network, row-major: row r's numeric inputs are
/// <c>Numeric[r*NumericWidth .. (r+1)*NumericWidth)</c>, its categorical indices likewise, and
/// <c>Labels[t][r]</c> is task t's label.
/// </summary>
public sealed record EncodedSplit(int Rows, float[] Numeric, long[] Categorical, float[][] Labels, int NumericWidth, int CategoricalWidth)
{
    /// <summary>
    /// Encodes <paramref name="split"/> with the shared <see cref="FeatureEncoder"/>, the same code the API runs,
    /// so training and serving see identical inputs. <paramref name="features"/> gives the column order of the rows.
    /// </summary>
    public static EncodedSplit Encode(RawSplit split, IReadOnlyList<FeatureColumn> features, FeatureEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(encoder);
        var index = new Dictionary<string, int>(features.Count, StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            index[features[i].Name] = i;
        }

        var numericWidth = encoder.NumericWidth;
        var categoricalWidth = encoder.CategoricalWidth;
        var numeric = new float[(long)split.Count * numericWidth];
        var categorical = new long[(long)split.Count * categoricalWidth];
        FeatureValue[] row = [];
        FeatureValue Lookup(string name) => index.TryGetValue(name, out var i) ? row[i] : FeatureValue.Missing;
        for (var r = 0; r < split.Count; r++)
        {
            row = split.Rows[r];
            try
            {
                encoder.EncodeRow(Lookup, numeric.AsSpan(r * numericWidth, numericWidth), categorical.AsSpan(r * categoricalWidth, categoricalWidth));
            }
            catch (FeatureEncodingException e)
            {
                throw new DatasetException(e.Message, row: r + 1, column: e.Feature, innerException: e);
            }
        }

        var labels = new float[split.Labels.Length][];
        for (var t = 0; t < labels.Length; t++)
        {
            labels[t] = (float[])split.Labels[t].Clone();
        }

        return new EncodedSplit(split.Count, numeric, categorical, labels, numericWidth, categoricalWidth);
    }
}
