using MmoeService.Serving.Inference;
using MmoeService.Contracts;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Inference;

[Trait("Kind", "Unit")]
public sealed class FeatureVectoriserTests
{
    private static readonly FeatureVectoriser Mixed = new(new FeatureEncoder(Schemas.Mixed));

    [Fact]
    public void Vectorise_NumericFeature_IsStandardisedWithSchemaStatistics()
    {
        var batch = Encode(Mixed, Context(("age", 50.0)), [Candidate(("duration", 200.0))]);

        Assert.Equal([2f, 2f], batch.Numeric);
    }

    [Fact]
    public void Vectorise_ContextFeature_AppliesToEveryCandidate()
    {
        var batch = Encode(Mixed, Context(("age", 40.0), ("country", "FR")), [Candidate(), Candidate()]);

        Assert.Equal(2, batch.Rows);
        Assert.Equal([1f, 0f, 1f, 0f], batch.Numeric);
        Assert.Equal([3L, 0L, 3L, 0L], batch.Categorical);
    }

    [Fact]
    public void Vectorise_AbsentAndNullFeatures_EncodeAsMissing()
    {
        var batch = Encode(Mixed, null, [Candidate(("category", null))]);

        Assert.Equal([0f, 0f], batch.Numeric);
        Assert.Equal([CategoricalFeature.MissingIndex, CategoricalFeature.MissingIndex], batch.Categorical);
    }

    [Fact]
    public void Vectorise_VocabularyAndUnseenCategories_MapToTheirRows()
    {
        var batch = Encode(Mixed, null, [Candidate(("category", "music")), Candidate(("category", "cooking"))]);

        Assert.Equal([0L, 4L, 0L, CategoricalFeature.UnseenIndex], batch.Categorical);
    }

    [Fact]
    public void Vectorise_RowsKeepRequestOrder()
    {
        var batch = Encode(Mixed, null, [Candidate(("duration", 50.0)), Candidate(("duration", 150.0))]);

        Assert.Equal([0f, -1f, 0f, 1f], batch.Numeric);
    }

    [Fact]
    public void Vectorise_UnknownFeature_ListsTheExpectedNames()
    {
        var error = Reject(Mixed, null, [Candidate(("colour", "red"))]);

                Assert.Contains("candidates[0].features.colour", error.Errors.Keys);
        Assert.Equal(new[] { "age", "duration", "country", "category" }, error.ExpectedFeatures);
        Assert.Contains("age, duration, country, category", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Vectorise_UnknownContextFeature_IsRejected()
    {
        var error = Reject(Mixed, Context(("weather", "rain")), [Candidate()]);

        Assert.Contains("context.weather", error.Errors.Keys);
    }

    [Fact]
    public void Vectorise_FeatureInContextAndCandidate_IsRejected()
    {
        var error = Reject(Mixed, Context(("country", "DE")), [Candidate(("country", "FR"))]);

        Assert.Contains("also given in context", Assert.Single(error.Errors["candidates[0].features.country"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Vectorise_TextForNumericFeature_NamesThePath()
    {
        var error = Reject(Mixed, Context(("age", "old")), [Candidate(), Candidate(("duration", "long"))]);

                Assert.Contains("context.age", error.Errors.Keys);
    }

    [Fact]
    public void Vectorise_NumberForCategoricalFeature_IsItsInvariantText()
    {
        var schema = new FeatureSchema([], [new CategoricalFeature("hour", CategoricalEncoding.Vocabulary, ["21", "22"], 0, 2)]);

        var batch = Encode(new FeatureVectoriser(new FeatureEncoder(schema)), Context(("hour", 22.0)), [Candidate()]);

        Assert.Equal([3L], batch.Categorical);
    }

    [Fact]
    public void Vectorise_HashedCategory_UsesTheSharedFnvBuckets()
    {
        var schema = new FeatureSchema([], [new CategoricalFeature("user", CategoricalEncoding.Hashed, [], 8, 2)]);

        var batch = Encode(new FeatureVectoriser(new FeatureEncoder(schema)), null, [Candidate(("user", "u-1"))]);

        Assert.Equal([1L + (long)(FeatureEncoder.Fnv1a64("u-1") % 8)], batch.Categorical);
    }

    [Fact]
    public void Vectorise_ModelWithoutCategoricalFeatures_HasAnEmptyCategoricalInput()
    {
        var batch = Encode(new FeatureVectoriser(new FeatureEncoder(Schemas.NumericOnly)), null, [Candidate(("x", 4.0))]);

        Assert.Equal(0, batch.CategoricalWidth);
        Assert.Empty(batch.Categorical);
        Assert.Equal([2f], batch.Numeric);
    }

    [Fact]
    public void Vectorise_BadValuesInSeveralRows_ReportsEachPath()
    {
        var error = Reject(Mixed, null, [Candidate(("duration", "long")), Candidate(), Candidate(("duration", "short"))]);

        Assert.Equal(["candidates[0].features.duration", "candidates[2].features.duration"], error.Errors.Keys.Order());
    }

    /// <summary>The candidates as the request readers give them: one column per feature name.</summary>
    private static ScoreInput Columns(Dictionary<string, FeatureValue>?[] candidates)
    {
        var input = new ScoreInput();
        for (var row = 0; row < candidates.Length; row++)
        {
            foreach (var (name, value) in candidates[row] ?? [])
            {
                Assert.True(input.Column(name, candidates.Length).TrySet(row, value));
            }
        }

        return input;
    }

    /// <summary>Encodes and copies the rows out of the pooled batch, which goes back to the pool at once.</summary>
    private static Encoded Encode(FeatureVectoriser vectoriser, Dictionary<string, FeatureValue>? context, Dictionary<string, FeatureValue>?[] candidates)
    {
        using var input = Columns(candidates);
        using (var batch = vectoriser.Encode(context, input.Columns, candidates.Length, out var failure))
        {
            Assert.True(batch is not null, failure?.Title);
            return new Encoded(batch.Rows, batch.CategoricalWidth, batch.Numeric.ToArray(), batch.Categorical.ToArray());
        }
    }

    private static EncodingFailure Reject(FeatureVectoriser vectoriser, Dictionary<string, FeatureValue>? context, Dictionary<string, FeatureValue>?[] candidates)
    {
        using var input = Columns(candidates);
        using var batch = vectoriser.Encode(context, input.Columns, candidates.Length, out var failure);
        Assert.Null(batch);
        return Assert.IsType<EncodingFailure>(failure);
    }

    private static Dictionary<string, FeatureValue> Context(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => Value(v.Value));

    /// <summary>One candidate's own features.</summary>
    private static Dictionary<string, FeatureValue>? Candidate(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => Value(v.Value));

    private static FeatureValue Value(object? value) => value switch
    {
        null => FeatureValue.Missing,
        double number => FeatureValue.FromNumber(number),
        string text => FeatureValue.FromText(text),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private sealed record Encoded(int Rows, int CategoricalWidth, float[] Numeric, long[] Categorical);
}
