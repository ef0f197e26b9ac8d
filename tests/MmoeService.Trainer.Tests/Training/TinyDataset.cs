using MmoeService.Contracts;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Training;

/// <summary>
/// A small seeded data set with every feature kind (numeric, vocabulary, hashed; context and item scope),
/// missing values, and test-split categories the training split never saw. Two tasks share a signal:
/// "ctr" (binary) and, by choice, "satisfaction" (binary) or "watch" (regression).
/// </summary>
internal static class TinyDataset
{
    public static readonly IReadOnlyList<FeatureColumn> Features =
    [
        new("age", FeatureKind.Numeric, FeatureScope.Context),
        new("country", FeatureKind.Categorical, FeatureScope.Context, EmbeddingDim: 3),
        new("category", FeatureKind.Categorical, FeatureScope.Item, EmbeddingDim: 4),
        new("duration", FeatureKind.Numeric, FeatureScope.Item),
        new("tag", FeatureKind.Hashed, FeatureScope.Item, HashBuckets: 16, EmbeddingDim: 2),
    ];

    public static RawDataset Create(int rows, int seed = 7, bool regression = false)
    {
        var random = new Random(seed);
        RawSplit Split(int count, int categories)
        {
            var values = new List<FeatureValue[]>(count);
            var first = new float[count];
            var second = new float[count];
            for (var r = 0; r < count; r++)
            {
                var age = 18 + random.Next(60);
                var country = random.Next(5);
                var category = random.Next(categories);
                var duration = random.NextDouble() * 600;
                var tag = random.Next(40);
                var signal = 0.04 * (age - 45) + (category % 3 - 1) * 1.5 + (country == 2 ? 1 : 0) - duration / 300 + 0.5;
                first[r] = random.NextDouble() < 1 / (1 + Math.Exp(-signal)) ? 1f : 0f;
                second[r] = regression
                    ? (float)(0.5 * signal + Math.Sin(signal) + 0.1 * random.NextDouble())
                    : random.NextDouble() < 1 / (1 + Math.Exp(-(0.7 * signal - (tag % 2)))) ? 1f : 0f;
                values.Add(
                [
                    random.NextDouble() < 0.05 ? FeatureValue.Missing : FeatureValue.FromNumber(age),
                    random.NextDouble() < 0.05 ? FeatureValue.Missing : FeatureValue.FromText($"c{country}"),
                    FeatureValue.FromText($"cat-{category}"),
                    random.NextDouble() < 0.05 ? FeatureValue.Missing : FeatureValue.FromNumber(Math.Round(duration, 1)),
                    FeatureValue.FromText($"tag-{tag}"),
                ]);
            }

            return new RawSplit(values, [first, second]);
        }

        // Validation and test draw from 10 categories, training from 8: cat-8 and cat-9 are unseen.
        var train = Split(rows, 8);
        var validation = Split(Math.Max(rows / 4, 50), 10);
        var test = Split(Math.Max(rows / 4, 50), 10);
        LabelColumn[] tasks = regression
            ? [new("ctr", TaskKind.Binary, "clicked"), new("watch", TaskKind.Regression, "watch time")]
            : [new("ctr", TaskKind.Binary, "clicked"), new("satisfaction", TaskKind.Binary, "satisfied")];
        var info = new TrainingData("tiny", "test data", new Dictionary<string, string> { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) }, train.Count, validation.Count, test.Count);
        return new RawDataset(info, Features, tasks, train, validation, test);
    }

    /// <summary>Fits the schema the way the trainer does (training split only), without depending on the Data feature.</summary>
    public static FeatureSchema FitSchema(RawDataset data)
    {
        var numeric = new List<NumericFeature>();
        var categorical = new List<CategoricalFeature>();
        for (var f = 0; f < data.Features.Count; f++)
        {
            var column = data.Features[f];
            var present = data.Train.Rows.Select(r => r[f]).Where(v => !v.IsMissing).ToArray();
            switch (column.Kind)
            {
                case FeatureKind.Numeric:
                    var mean = present.Average(v => v.Number!.Value);
                    var std = Math.Sqrt(present.Average(v => (v.Number!.Value - mean) * (v.Number!.Value - mean)));
                    numeric.Add(new NumericFeature(column.Name, mean, std > 0 ? std : 1));
                    break;
                case FeatureKind.Categorical:
                    var vocabulary = present.Select(v => v.AsCategory()!).Distinct().Order(StringComparer.Ordinal).ToArray();
                    categorical.Add(new CategoricalFeature(column.Name, CategoricalEncoding.Vocabulary, vocabulary, 0, column.EmbeddingDim ?? 4));
                    break;
                default:
                    categorical.Add(new CategoricalFeature(column.Name, CategoricalEncoding.Hashed, [], column.HashBuckets, column.EmbeddingDim ?? 4));
                    break;
            }
        }

        return new FeatureSchema(numeric, categorical);
    }

    public static EncodedSplit Encode(RawSplit split, FeatureSchema schema) =>
        EncodedSplit.Encode(split, Features, new FeatureEncoder(schema));
}
