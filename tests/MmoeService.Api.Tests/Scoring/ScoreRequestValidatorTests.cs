using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Tests.Scoring;

[Trait("Kind", "Unit")]
public sealed class ScoreRequestValidatorTests
{
    [Fact]
    public void Validate_WellFormedRequest_Passes()
    {
        using var request = Request();

        Assert.True(ScoreRequestValidator.TryValidate(request, 10, out var valid, out _));
        Assert.Equal(["a", "b"], Enumerable.Range(0, valid.Count).Select(valid.ItemIds.Get));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_AbsentOrEmptyRequestId_IsGenerated(string? requestId)
    {
        using var request = Request();
        request.RequestId = requestId;

        Assert.True(ScoreRequestValidator.TryValidate(request, 10, out var valid, out _));
        Assert.Matches("^[0-9a-f]{32}$", valid.RequestId);
    }

    [Fact]
    public void Validate_MissingUserId_NamesUserId() => AssertRejects(Request(userId: " "), "userId");

    [Fact]
    public void Validate_NoCandidates_NamesCandidates() => AssertRejects(Request(items: []), "candidates");

    [Fact]
    public void Validate_MoreCandidatesThanTheLimit_NamesTheLimit()
    {
        var error = AssertRejects(Request(items: ["a", "b", "c"]), "candidates", maxCandidates: 2);

        Assert.Contains("At most 2", error.Errors!["candidates"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateItemId_NamesTheSecondOccurrence() => AssertRejects(Request(items: ["a", "b", "a"]), "candidates[2].itemId");

    [Fact]
    public void Validate_ManyDuplicateItemIds_NamesEachRepeat()
    {
        var error = AssertRejects(Request(items: ["x", "y", "x", "y", "x"]), "candidates[2].itemId");

        Assert.Equal(["candidates[2].itemId", "candidates[3].itemId", "candidates[4].itemId"], error.Errors!.Keys.Order());
    }

    [Fact]
    public void Validate_MissingItemId_NamesIt() => AssertRejects(Request(items: ["a", ""]), "candidates[1].itemId");

    [Fact]
    public void Validate_NullCandidate_NamesIt()
    {
        using var request = ScoreRequestReader.Parse("""{"userId": "u", "candidates": [{"itemId": "a"}, null]}"""u8)!;

        Assert.False(ScoreRequestValidator.TryValidate(request, 10, out _, out var error));
        Assert.Contains("candidates[1]", error.Errors!.Keys);
    }

    [Fact]
    public void Validate_TopKBelowOne_NamesTopK()
    {
        var request = Request();
        request.TopK = 0;

        AssertRejects(request, "topK");
    }

    private static ScoreProblem AssertRejects(ScoreInput request, string field, int maxCandidates = 10)
    {
        using (request)
        {
            Assert.False(ScoreRequestValidator.TryValidate(request, maxCandidates, out _, out var error));
            Assert.Equal(400, error.Status);
            Assert.Contains(field, error.Errors!.Keys);
            return error;
        }
    }

    private static ScoreInput Request(string userId = "u-1", string[]? items = null)
    {
        items ??= ["a", "b"];
        return new ScoreInput { UserId = userId, ItemIds = items.Length == 0 ? null : ItemIdTable.Of(items) };
    }
}
