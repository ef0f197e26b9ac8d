namespace MmoeService.Contracts.Tests;

public sealed class FeatureDictionaryTests
{
    [Fact]
    public void TryAdd_BeyondCapacity_KeepsEveryEntryInOrder()
    {
        var features = new FeatureDictionary(capacity: 1);

        foreach (var name in new[] { "c", "a", "b" })
        {
            Assert.True(features.TryAdd(name, FeatureValue.FromText(name)));
        }

        Assert.Equal(["c", "a", "b"], features.Keys);
        Assert.Equal(3, features.Count);
        Assert.Equal(3, features.Entries.Length);
        Assert.Equal("a", features["a"].Text);
    }

    [Fact]
    public void TryAdd_SameName_IsRefusedAndKeepsTheFirstValue()
    {
        var features = new FeatureDictionary();
        features.TryAdd("age", FeatureValue.FromNumber(30));

        Assert.False(features.TryAdd("age", FeatureValue.FromNumber(40)));
        Assert.Equal(30, features["age"].Number);
        Assert.Single(features);
    }

    [Fact]
    public void Lookup_NamesAreCaseSensitive()
    {
        var features = new FeatureDictionary();
        features.TryAdd("Age", FeatureValue.FromNumber(30));

        Assert.False(features.TryGetValue("age", out _));
        Assert.False(features.ContainsKey("AGE"));
        Assert.True(features.ContainsKey("Age"));
    }

    [Fact]
    public void Indexer_UnknownName_ThrowsNamingIt()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new FeatureDictionary()["country"]);

        Assert.Contains("'country'", error.Message, StringComparison.Ordinal);
    }
}
