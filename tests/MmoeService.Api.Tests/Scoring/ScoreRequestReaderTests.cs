using System.Text;
using MmoeService.Contracts;
using MmoeService.Serving.Inference;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Scoring;

/// <summary>The columnar body reader: the documented shape in, columns out, every wrong body a 400 with its path.</summary>
[Trait("Kind", "Unit")]
public sealed class ScoreRequestReaderTests
{
    [Fact]
    public void Parse_Candidates_BecomeOneColumnPerFeatureInRequestOrder()
    {
        using var input = Parse("""
            {"userId": "u", "requestId": "r", "topK": 2, "includeGates": true, "context": {"age": 40},
             "candidates": [
               {"itemId": "a", "features": {"duration": 5.5, "category": "music", "popularity": null}},
               {"features": {"category": "sport"}, "itemId": "b"},
               {"itemId": "c"}]}
            """);

        Assert.Equal(("u", "r", 2, true, 3), (input.UserId, input.RequestId, input.TopK, input.IncludeGates, input.Count));
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, 3).Select(input.ItemIds!.Get));
        Assert.Equal(40, input.Context!["age"].Number);
        Assert.Equal(["duration", "category", "popularity"], input.Columns.Select(c => c.Name));
        var category = input.Columns[1];
        Assert.Equal(["music", "sport", null], Enumerable.Range(0, 3).Select(r => category.ValueAt(r).Text));
        Assert.Equal(FeatureColumn.Kind.Absent, category.KindAt(2));
        Assert.Equal(5.5, input.Columns[0].ValueAt(0).Number);
        Assert.Equal(FeatureColumn.Kind.Absent, input.Columns[0].KindAt(1));
        Assert.Equal(FeatureColumn.Kind.Null, input.Columns[2].KindAt(0));
    }

    [Fact]
    public void Parse_PropertyNames_MatchCaseInsensitivelyAndUnknownOnesAreSkipped()
    {
        using var input = Parse("""{"UserID": "u", "extra": {"deep": [1, {"x": 2}]}, "Candidates": [{"ItemId": "a", "note": "x"}]}""");

        Assert.Equal(("u", 1), (input.UserId, input.Count));
    }

    [Fact]
    public void Parse_EscapedTexts_AreUnescaped()
    {
        using var input = Parse("""{"userId": "u", "candidates": [{"itemId": "a\"b\u00e9", "features": {"category": "m\u00fcsic"}}]}""");

        Assert.Equal("a\"bé", input.ItemIds!.Get(0));
        Assert.Equal("müsic", input.Columns[0].ValueAt(0).Text);
    }

    [Fact]
    public void Parse_RepeatedFeatureNamesAndValues_ShareOneString()
    {
        using var input = Parse("""
            {"userId": "u", "candidates": [
              {"itemId": "a", "features": {"category": "music"}},
              {"itemId": "b", "features": {"category": "music"}}]}
            """);

        Assert.Same(input.Columns[0].ValueAt(0).Text, input.Columns[0].ValueAt(1).Text);
    }

    [Fact]
    public void Parse_ManyCandidates_GrowTheColumns()
    {
        var candidates = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$$"""{"itemId": "i{{{i}}}", "features": {"x": {{{i}}}}}"""));
        using var input = Parse($$"""{"userId": "u", "candidates": [{{candidates}}]}""");

        Assert.Equal(3000, input.Count);
        Assert.Equal(2999, input.Columns[0].ValueAt(2999).Number);
        Assert.Equal("i2999", input.ItemIds!.Get(2999));
    }

    [Theory]
    [InlineData("""{"f": true}""", "candidates[0].features.f", "a boolean")]
    [InlineData("""{"f": {"x": 1}}""", "candidates[0].features.f", "an object")]
    [InlineData("""{"f": [1, 2]}""", "candidates[0].features.f", "an array")]
    [InlineData("""{"f": 1e999}""", "candidates[0].features.f", "finite")]
    [InlineData("""{"f": 1, "f": 2}""", "candidates[0].features.f", "given twice")]
    [InlineData("""[1, 2]""", "candidates[0].features", "must be an object")]
    public void Read_BadFeatures_Are400WithThePath(string features, string path, string reason)
    {
        var problem = Refuse($$"""{"userId": "u", "candidates": [{"itemId": "a", "features": {{features}}}]}""");

        Assert.Contains(reason, Assert.Single(problem.Errors![path]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"userId": 5, "candidates": []}""", "userId")]
    [InlineData("""{"userId": "u", "topK": "5", "candidates": []}""", "topK")]
    [InlineData("""{"userId": "u", "topK": 1.5, "candidates": []}""", "topK")]
    [InlineData("""{"userId": "u", "includeGates": null, "candidates": []}""", "includeGates")]
    [InlineData("""{"userId": "u", "userId": "v", "candidates": []}""", "userId")]
    [InlineData("""{"userId": "u", "context": {"a": 1, "a": 2}}""", "context.a")]
    [InlineData("""{"userId": "u", "context": [1]}""", "context")]
    [InlineData("""{"userId": "u", "candidates": {}}""", "candidates")]
    [InlineData("""{"userId": "u", "candidates": [5]}""", "candidates[0]")]
    [InlineData("""{"userId": "u", "candidates": [{"itemId": 5}]}""", "candidates[0].itemId")]
    [InlineData("""{"userId": "u", "candidates": [{"itemId": "a", "itemId": "b"}]}""", "candidates[0].itemId")]
    public void Read_WrongTypesAndRepeats_Are400NamingTheField(string body, string path)
    {
        var problem = Refuse(body);

        Assert.Equal("Malformed JSON", problem.Title);
        Assert.Contains(path, problem.Errors!.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"userId": "u", "candidates": [""")]
    [InlineData("""{"userId": "u"} {}""")]
    [InlineData("""{"userId": "u", "candidates": [{"itemId": "a", "features": {"f": NaN}}]}""")]
    public void Read_NotOneJsonObject_Is400(string body)
    {
        Assert.Equal(400, Refuse(body).Status);
    }

    [Fact]
    public void Read_Null_Is400()
    {
        Assert.Contains("not null", Refuse("null").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ReturnsTheColumns()
    {
        var input = Parse("""{"userId": "u", "candidates": [{"itemId": "a", "features": {"x": 1}}]}""");

        input.Dispose();

        Assert.Empty(input.Columns);
        Assert.Equal("a", input.ItemIds!.Get(0));
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

    private static ScoreInput Parse(string json) => ScoreRequestReader.Parse(Encoding.UTF8.GetBytes(json))!;

    private static ScoreProblem Refuse(string json)
    {
        var (input, problem) = ScoreRequestReader.Read(Encoding.UTF8.GetBytes(json));
        input?.Dispose();
        Assert.Null(input);
        Assert.Equal(400, problem!.Status);
        return problem;
    }
}
