using Microsoft.Extensions.Options;
using MmoeService.Api.Observability;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.Observability;

[Trait("Kind", "Unit")]
public sealed class UserIdHasherTests
{
    [Fact]
    public void Hash_SameUser_IsStableAndHidesTheId()
    {
        var hasher = Hasher("k");

        Assert.Equal(hasher.Hash("u-1842"), hasher.Hash("u-1842"));
        Assert.DoesNotContain("1842", hasher.Hash("u-1842"), StringComparison.Ordinal);
        Assert.Equal(16, hasher.Hash("u-1842").Length);
    }

    [Fact]
    public void Hash_DifferentKeys_GiveDifferentPseudonyms() => Assert.NotEqual(Hasher("a").Hash("u-1"), Hasher("b").Hash("u-1"));

    private static UserIdHasher Hasher(string key) => new(Options.Create(new ObservabilityOptions { UserIdHashKey = key }));
}
