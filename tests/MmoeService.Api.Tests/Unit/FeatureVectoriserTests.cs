using MmoeService.Api.Scoring;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Unit;

public sealed class FeatureVectoriserTests
{
    private static readonly FeatureVectoriser Mixed = new(new FeatureEncoder(Schemas.Mixed));

    [Fact]
    public void Vectorise_NumericFeature_IsStandardisedWithSchemaStatistics()
    {
        var batch = Mixed.Vectorise(Context(("age", 50.0)), [Candidate("a", ("duration", 200.0))]);

        Assert.Equal([2f, 2f], batch.Numeric);
    }

    [Fact]
    public void Vectorise_ContextFeature_AppliesToEveryCandidate()
    {
        var batch = Mixed.Vectorise(Context(("age", 40.0), ("country", "FR")), [Candidate("a"), Candidate("b")]);

        Assert.Equal(2, batch.Rows);
        Assert.Equal([1f, 0f, 1f, 0f], batch.Numeric);
        Assert.Equal([3L, 0L, 3L, 0L], batch.Categorical);
    }

    [Fact]
    public void Vectorise_AbsentAndNullFeatures_EncodeAsMissing()
    {
        var batch = Mixed.Vectorise(null, [Candidate("a", ("category", null))]);

        Assert.Equal([0f, 0f], batch.Numeric);
        Assert.Equal([CategoricalFeature.MissingIndex, CategoricalFeature.MissingIndex], batch.Categorical);
    }

    [Fact]
    public void Vectorise_VocabularyAndUnseenCategories_MapToTheirRows()
    {
        var batch = Mixed.Vectorise(null, [Candidate("a", ("category", "music")), Candidate("b", ("category", "cooking"))]);

        Assert.Equal([0L, 4L, 0L, CategoricalFeature.UnseenIndex], batch.Categorical);
    }

    [Fact]
    public void Vectorise_RowsKeepRequestOrder()
    {
        var batch = Mixed.Vectorise(null, [Candidate("a", ("duration", 50.0)), Candidate("b", ("duration", 150.0))]);

        Assert.Equal([0f, -1f, 0f, 1f], batch.Numeric);
    }

    [Fact]
    public void Vectorise_UnknownFeature_ListsTheExpectedNames()
    {
        var error = Assert.Throws<ScoreRequestException>(() => Mixed.Vectorise(null, [Candidate("a", ("colour", "red"))]));

        Assert.Equal(400, error.Status);
        Assert.Contains("candidates[0].features.colour", error.Errors!.Keys);
        Assert.Equal(new[] { "age", "duration", "country", "category" }, error.Extensions!["expectedFeatures"]);
        Assert.Contains("age, duration, country, category", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Vectorise_UnknownContextFeature_IsRejected()
    {
        var error = Assert.Throws<ScoreRequestException>(() => Mixed.Vectorise(Context(("weather", "rain")), [Candidate("a")]));

        Assert.Contains("context.weather", error.Errors!.Keys);
    }

    [Fact]
    public void Vectorise_FeatureInContextAndCandidate_IsRejected()
    {
        var error = Assert.Throws<ScoreRequestException>(() =>
            Mixed.Vectorise(Context(("country", "DE")), [Candidate("a", ("country", "FR"))]));

        Assert.Contains("also given in context", Assert.Single(error.Errors!["candidates[0].features.country"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Vectorise_TextForNumericFeature_NamesThePath()
    {
        var error = Assert.Throws<ScoreRequestException>(() =>
            Mixed.Vectorise(Context(("age", "old")), [Candidate("a"), Candidate("b", ("duration", "long"))]));

        Assert.Equal(400, error.Status);
        Assert.Contains("context.age", error.Errors!.Keys);
    }

    [Fact]
    public void Vectorise_NumberForCategoricalFeature_IsItsInvariantText()
    {
        var schema = new FeatureSchema([], [new CategoricalFeature("hour", CategoricalEncoding.Vocabulary, ["21", "22"], 0, 2)]);

        var batch = new FeatureVectoriser(new FeatureEncoder(schema)).Vectorise(Context(("hour", 22.0)), [Candidate("a")]);

        Assert.Equal([3L], batch.Categorical);
    }

    [Fact]
    public void Vectorise_HashedCategory_UsesTheSharedFnvBuckets()
    {
        var schema = new FeatureSchema([], [new CategoricalFeature("user", CategoricalEncoding.Hashed, [], 8, 2)]);

        var batch = new FeatureVectoriser(new FeatureEncoder(schema)).Vectorise(null, [Candidate("a", ("user", "u-1"))]);

        Assert.Equal([1L + (long)(FeatureEncoder.Fnv1a64("u-1") % 8)], batch.Categorical);
    }

    [Fact]
    public void Vectorise_ModelWithoutCategoricalFeatures_HasAnEmptyCategoricalInput()
    {
        var batch = new FeatureVectoriser(new FeatureEncoder(Schemas.NumericOnly)).Vectorise(null, [Candidate("a", ("x", 4.0))]);

        Assert.Equal(0, batch.CategoricalWidth);
        Assert.Empty(batch.Categorical);
        Assert.Equal([2f], batch.Numeric);
    }

    private static Dictionary<string, FeatureValue> Context(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => Value(v.Value));

    private static ScoreCandidate Candidate(string itemId, params (string Name, object? Value)[] values) =>
        new() { ItemId = itemId, Features = values.ToDictionary(v => v.Name, v => Value(v.Value)) };

    private static FeatureValue Value(object? value) => value switch
    {
        null => FeatureValue.Missing,
        double number => FeatureValue.FromNumber(number),
        string text => FeatureValue.FromText(text),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
