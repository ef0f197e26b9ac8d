using MmoeService.Api.Scoring;

namespace MmoeService.Api.Tests.Unit;

public sealed class ScoreRequestValidatorTests
{
    [Fact]
    public void Validate_WellFormedRequest_Passes() => ScoreRequestValidator.Validate(Request(), 10);

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
    public void Validate_MissingItemId_NamesIt() => AssertRejects(Request(items: ["a", ""]), "candidates[1].itemId");

    [Fact]
    public void Validate_TopKBelowOne_NamesTopK()
    {
        var request = Request();
        request.TopK = 0;

        AssertRejects(request, "topK");
    }

    private static ScoreRequestException AssertRejects(ScoreRequest request, string field, int maxCandidates = 10)
    {
        var error = Assert.Throws<ScoreRequestException>(() => ScoreRequestValidator.Validate(request, maxCandidates));
        Assert.Equal(400, error.Status);
        Assert.Contains(field, error.Errors!.Keys);
        return error;
    }

    private static ScoreRequest Request(string userId = "u-1", string[]? items = null) => new()
    {
        UserId = userId,
        Candidates = (items ?? ["a", "b"]).Select(id => (ScoreCandidate?)new ScoreCandidate { ItemId = id }).ToList(),
    };
}
