using MmoeService.Contracts;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Data;

public sealed class EncodedSplitTests
{
    private static readonly FeatureColumn[] Features =
    [
        new("city", FeatureKind.Categorical),
        new("x", FeatureKind.Numeric),
        new("user", FeatureKind.Hashed, HashBuckets: 10),
    ];

    private static readonly FeatureSchema Schema = new(
        [new NumericFeature("x", 2, 4)],
        [
            new CategoricalFeature("city", CategoricalEncoding.Vocabulary, ["paris", "rome"], 0, 4),
            new CategoricalFeature("user", CategoricalEncoding.Hashed, [], 10, 4),
        ]);

    [Fact]
    public void Encode_WritesRowMajorValuesWithTheSharedEncoder()
    {
        FeatureValue[][] rows =
        [
            [FeatureValue.FromText("rome"), FeatureValue.FromNumber(6), FeatureValue.FromText("u1")],
            [FeatureValue.FromText("oslo"), FeatureValue.Missing, FeatureValue.Missing],
        ];
        var split = new RawSplit(rows, [[1f, 0f]]);

        var encoded = EncodedSplit.Encode(split, Features, new FeatureEncoder(Schema));

        Assert.Equal((2, 1, 2), (encoded.Rows, encoded.NumericWidth, encoded.CategoricalWidth));
        Assert.Equal([1f, 0f], encoded.Numeric);
        Assert.Equal(
            [3L, 1L + (long)(FeatureEncoder.Fnv1a64("u1") % 10), CategoricalFeature.UnseenIndex, CategoricalFeature.MissingIndex],
            encoded.Categorical);
        Assert.Equal([1f, 0f], encoded.Labels[0]);
    }

    [Fact]
    public void Encode_TextInNumericFeature_ThrowsDatasetExceptionWithRow()
    {
        var split = new RawSplit([[FeatureValue.FromText("rome"), FeatureValue.FromText("six"), FeatureValue.Missing]], [[0f]]);

        var error = Assert.Throws<DatasetException>(() => EncodedSplit.Encode(split, Features, new FeatureEncoder(Schema)));

        Assert.Equal((1L, "x"), (error.Row, error.Column));
    }

    [Fact]
    public void Encode_SyntheticData_RoundTripsThroughFittedSchema()
    {
        var data = SyntheticRecommendationSource.Generate(new() { Impressions = 5_000, Users = 200, Items = 100 }, 3);
        var encoder = new FeatureEncoder(SchemaFitter.Fit(data));

        var train = EncodedSplit.Encode(data.Train, data.Features, encoder);

        Assert.Equal(data.Train.Count * 3, train.Numeric.Length);
        Assert.InRange(train.Numeric.Where((_, i) => i % 3 == 0).Average(), -1e-3, 1e-3);
        Assert.DoesNotContain(CategoricalFeature.UnseenIndex, train.Categorical);
        Assert.DoesNotContain(CategoricalFeature.MissingIndex, train.Categorical);
    }
}
