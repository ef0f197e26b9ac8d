using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// Fits the feature encoding on the training split alone (numeric mean/std, vocabularies), so validation,
/// test and serving are encoded with parameters that never saw them. The result goes into the manifest.
/// </summary>
public static class SchemaFitter
{
    /// <summary>Upper bound of the default embedding width.</summary>
    public const int MaxEmbeddingDim = 16;

    public static FeatureSchema Fit(RawDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var numeric = new List<NumericFeature>();
        var categorical = new List<CategoricalFeature>();
        for (var column = 0; column < data.Features.Count; column++)
        {
            var feature = data.Features[column];
            switch (feature.Kind)
            {
                case FeatureKind.Numeric:
                    numeric.Add(FitNumeric(data.Train, column, feature));
                    break;
                case FeatureKind.Categorical:
                    categorical.Add(FitVocabulary(data.Train, column, feature));
                    break;
                case FeatureKind.Hashed:
                    if (feature.HashBuckets < 1)
                    {
                        throw new DatasetException($"Hashed feature '{feature.Name}' needs a bucket count of at least 1.", column: feature.Name);
                    }

                    categorical.Add(new CategoricalFeature(feature.Name, CategoricalEncoding.Hashed, [], feature.HashBuckets,
                        feature.EmbeddingDim ?? EmbeddingDimFor(feature.HashBuckets + 1L)));
                    break;
                default:
                    throw new DatasetException($"Feature '{feature.Name}' has unknown kind {feature.Kind}.", column: feature.Name);
            }
        }

        return new FeatureSchema(numeric, categorical);
    }

    /// <summary>
    /// Default embedding width for a table of <paramref name="cardinality"/> rows: min(16, ceil(1.6·card^0.56)),
    /// the rule of thumb fast.ai uses, capped so the default models stay small.
    /// </summary>
    public static int EmbeddingDimFor(long cardinality) =>
        (int)Math.Min(MaxEmbeddingDim, Math.Ceiling(1.6 * Math.Pow(Math.Max(1, cardinality), 0.56)));

    private static NumericFeature FitNumeric(RawSplit train, int column, FeatureColumn feature)
    {
        // Welford's update: one pass, no catastrophic cancellation on large offsets.
        long count = 0;
        double mean = 0;
        double m2 = 0;
        for (var r = 0; r < train.Count; r++)
        {
            var value = train.Rows[r][column];
            if (value.IsMissing)
            {
                continue;
            }

            if (value.Number is not { } x || !double.IsFinite(x))
            {
                throw new DatasetException($"Numeric feature '{feature.Name}' holds the non-numeric value '{value}' in the training split.",
                    row: r + 1, column: feature.Name);
            }

            count++;
            var delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        }

        var std = count > 0 ? Math.Sqrt(m2 / count) : 0;

        // A constant (or empty) column carries no information; Std = 1 keeps the encoding finite.
        return new NumericFeature(feature.Name, mean, std > 1e-12 && double.IsFinite(std) ? std : 1.0);
    }

    private static CategoricalFeature FitVocabulary(RawSplit train, int column, FeatureColumn feature)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < train.Count; r++)
        {
            var key = train.Rows[r][column].AsCategory();
            if (key is not null)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        // Most frequent first, ties by ordinal order: the same data always gives the same indices.
        var vocabulary = counts
            .Where(p => p.Value >= Math.Max(1, feature.MinCount))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key)
            .ToArray();
        return new CategoricalFeature(feature.Name, CategoricalEncoding.Vocabulary, vocabulary, 0,
            feature.EmbeddingDim ?? EmbeddingDimFor(vocabulary.Length + 2L));
    }
}
