using System.Text.Json;
using MmoeService.Serving.Scoring;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Unit;

public sealed class FeatureDictionaryJsonConverterTests
{
    [Fact]
    public void Read_CandidateFeatures_KeepNamesValuesAndOrder()
    {
        var features = Features("""{"itemId": "a", "features": {"duration": 5.5, "category": "music", "popularity": null}}""");

        Assert.Equal(["duration", "category", "popularity"], features.Keys);
        Assert.Equal(5.5, features["duration"].Number);
        Assert.Equal("music", features["category"].Text);
        Assert.True(features["popularity"].IsMissing);
    }

    [Fact]
    public void Read_RepeatedFeatureName_IsMalformedJson()
    {
        var error = Assert.Throws<JsonException>(() => Features("""{"itemId": "a", "features": {"duration": 1, "duration": 2}}"""));

        Assert.Contains("'duration' is given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BooleanValue_NamesTheFeature()
    {
        var error = Assert.Throws<JsonException>(() => Features("""{"itemId": "a", "features": {"hd": true}}"""));

        Assert.Contains("Feature 'hd'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a boolean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FeaturesNotAnObject_IsMalformedJson()
    {
        Assert.Throws<JsonException>(() => Features("""{"itemId": "a", "features": [1, 2]}"""));
    }

    [Fact]
    public void Read_NullFeatures_IsNone()
    {
        var candidate = JsonSerializer.Deserialize<ScoreCandidate>("""{"itemId": "a", "features": null}""", ScoreRequestReader.JsonOptions)!;

        Assert.Null(candidate.Features);
    }

    [Fact]
    public void FeatureDictionary_LookupAndAdd_BehaveLikeADictionary()
    {
        var features = new FeatureDictionary(capacity: 1);

        Assert.True(features.TryAdd("a", FeatureValue.FromNumber(1)));
        Assert.True(features.TryAdd("b", FeatureValue.FromText("x")));
        Assert.False(features.TryAdd("a", FeatureValue.FromNumber(2)));
        Assert.Equal(2, features.Count);
        Assert.Equal(1, features["a"].Number);
        Assert.False(features.TryGetValue("c", out _));
        Assert.Throws<KeyNotFoundException>(() => features["c"]);
    }

    private static FeatureDictionary Features(string candidateJson)
    {
        var request = ScoreRequestReader.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"userId": "u", "candidates": [{{candidateJson}}]}"""))!;
        return request.Candidates![0]!.Features!;
    }
}
