namespace MmoeService.Contracts.Tests;

public sealed class FeatureLookupTests
{
    private static readonly Dictionary<string, FeatureValue> Candidate = new(StringComparer.Ordinal)
    {
        ["category"] = FeatureValue.FromText("news"),
        ["age"] = FeatureValue.FromNumber(30),
    };

    private static readonly Dictionary<string, FeatureValue> Context = new(StringComparer.Ordinal)
    {
        ["age"] = FeatureValue.FromNumber(50),
        ["country"] = FeatureValue.FromText("FR"),
    };

    [Fact]
    public void Resolve_NameInBoth_TakesTheCandidatesValue() =>
        Assert.Equal(FeatureValue.FromNumber(30), FeatureLookup.Resolve(Candidate, Context, "age"));

    [Fact]
    public void Resolve_NameOnlyInContext_TakesTheContextsValue() =>
        Assert.Equal(FeatureValue.FromText("FR"), FeatureLookup.Resolve(Candidate, Context, "country"));

    [Fact]
    public void Resolve_NameOnlyInCandidate_TakesTheCandidatesValue() =>
        Assert.Equal(FeatureValue.FromText("news"), FeatureLookup.Resolve(Candidate, Context, "category"));

    [Fact]
    public void Resolve_NameInNeither_IsMissing() =>
        Assert.True(FeatureLookup.Resolve(Candidate, Context, "hour").IsMissing);

    [Fact]
    public void Resolve_NoDictionaries_IsMissing() =>
        Assert.True(FeatureLookup.Resolve(null, null, "age").IsMissing);

    [Fact]
    public void Resolve_NoCandidateFeatures_FallsBackToContext() =>
        Assert.Equal(FeatureValue.FromNumber(50), FeatureLookup.Resolve(null, Context, "age"));
}
