using MmoeService.Contracts;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Data;

public sealed class SchemaFitterTests
{
    private static FeatureValue N(double v) => FeatureValue.FromNumber(v);

    private static FeatureValue T(string v) => FeatureValue.FromText(v);

    private static RawDataset Dataset(IReadOnlyList<FeatureColumn> features, FeatureValue[][] train, FeatureValue[][]? validation = null)
    {
        var validationRows = validation ?? [];
        return new RawDataset(
            new TrainingData("test", "test", new Dictionary<string, string>(), train.Length, validationRows.Length, 0),
            features,
            [new LabelColumn("y", TaskKind.Binary, "y")],
            new RawSplit(train, [new float[train.Length]]),
            new RawSplit(validationRows, [new float[validationRows.Length]]),
            new RawSplit([], [[]]));
    }

    [Fact]
    public void Fit_Numeric_UsesTrainMeanAndPopulationStd_IgnoringValidation()
    {
        var data = Dataset([new("x", FeatureKind.Numeric)], [[N(1)], [N(3)], [FeatureValue.Missing]], [[N(1000)]]);

        var feature = Assert.Single(SchemaFitter.Fit(data).Numeric);

        Assert.Equal(2.0, feature.Mean, 12);
        Assert.Equal(1.0, feature.Std, 12);
    }

    [Fact]
    public void Fit_ConstantNumeric_GetsStdOne()
    {
        var data = Dataset([new("x", FeatureKind.Numeric)], [[N(5)], [N(5)]]);

        var feature = Assert.Single(SchemaFitter.Fit(data).Numeric);

        Assert.Equal((5.0, 1.0), (feature.Mean, feature.Std));
    }

    [Fact]
    public void Fit_TextInNumericColumn_ThrowsNamingRowAndColumn()
    {
        var data = Dataset([new("x", FeatureKind.Numeric)], [[N(5)], [T("five")]]);

        var error = Assert.Throws<DatasetException>(() => SchemaFitter.Fit(data));

        Assert.Equal((2L, "x"), (error.Row, error.Column));
    }

    [Fact]
    public void Fit_Vocabulary_SortsByCountThenOrdinalAndDropsRareValues()
    {
        FeatureValue[][] rows = [[T("b")], [T("a")], [T("c")], [T("c")], [T("b")], [T("a")], [T("c")], [T("rare")], [FeatureValue.Missing]];
        var data = Dataset([new("city", FeatureKind.Categorical, MinCount: 2)], rows, [[T("validation-only")], [T("validation-only")]]);

        var feature = Assert.Single(SchemaFitter.Fit(data).Categorical);

        Assert.Equal(["c", "a", "b"], feature.Vocabulary);
        Assert.Equal(CategoricalEncoding.Vocabulary, feature.Encoding);
        Assert.Equal(5, feature.Cardinality);
    }

    [Fact]
    public void Fit_NumbersInCategoricalColumn_UseInvariantCategoryKeys()
    {
        var data = Dataset([new("hour", FeatureKind.Categorical)], [[N(13)], [N(13)], [N(7)]]);

        Assert.Equal(["13", "7"], Assert.Single(SchemaFitter.Fit(data).Categorical).Vocabulary);
    }

    [Fact]
    public void Fit_Hashed_KeepsBucketsAndNoVocabulary()
    {
        var data = Dataset([new("user", FeatureKind.Hashed, HashBuckets: 1000)], [[T("u1")]]);

        var feature = Assert.Single(SchemaFitter.Fit(data).Categorical);

        Assert.Equal((CategoricalEncoding.Hashed, 1000, 1001L), (feature.Encoding, feature.HashBuckets, feature.Cardinality));
        Assert.Empty(feature.Vocabulary);
    }

    [Fact]
    public void Fit_ExplicitEmbeddingDim_OverridesTheRule()
    {
        var data = Dataset([new("c", FeatureKind.Categorical, EmbeddingDim: 3), new("d", FeatureKind.Categorical)], [[T("x"), T("y")]]);

        var schema = SchemaFitter.Fit(data);

        Assert.Equal(3, schema.Categorical[0].EmbeddingDim);
        Assert.Equal(SchemaFitter.EmbeddingDimFor(3), schema.Categorical[1].EmbeddingDim);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(26, 10)]
    [InlineData(100_000, 16)]
    public void EmbeddingDimFor_FollowsTheCappedRule(long cardinality, int expected)
    {
        Assert.Equal(expected, SchemaFitter.EmbeddingDimFor(cardinality));
    }

    [Fact]
    public void Fit_KeepsDatasetOrderWithinEachKind()
    {
        var schema = SchemaFitter.Fit(SyntheticRecommendationSource.Generate(new() { Impressions = 2_000, Users = 100, Items = 50 }, 1));

        Assert.Equal(["age", "duration", "popularity"], schema.Numeric.Select(f => f.Name));
        Assert.Equal(["country", "device", "hour", "category"], schema.Categorical.Select(f => f.Name));
    }
}
