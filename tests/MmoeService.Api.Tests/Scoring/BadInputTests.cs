using System.Net;
using System.Text.Json.Nodes;

namespace MmoeService.Api.Tests.Scoring;

/// <summary>Every way a scoring request can be wrong answers with RFC 9457 problem details and a traceId, never a 500.</summary>
[Trait("Kind", "Integration")]
public sealed class BadInputTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Score_MissingUserId_Is400NamingUserId()
    {
        var request = ApiClient.ExampleRequest();
        request.Remove("userId");

        var problem = await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["userId"]);
    }

    [Fact]
    public async Task Score_NoCandidates_Is400()
    {
        var request = ApiClient.ExampleRequest();
        request["candidates"] = new JsonArray();

        var problem = await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["candidates"]);
    }

    [Fact]
    public async Task Score_MoreCandidatesThanMaxCandidates_Is400NamingTheLimit()
    {
        var problem = await AssertProblemAsync(
            await _client.PostScoreAsync(ApiClient.ExampleRequest().WithCandidates(1001)), HttpStatusCode.BadRequest);

        Assert.Contains("At most 1000", (string)problem["errors"]!["candidates"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_UnknownFeature_Is400ListingTheExpectedNames()
    {
        var request = ApiClient.ExampleRequest();
        request["candidates"]![0]!["features"]!["colour"] = "red";

        var problem = await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["candidates[0].features.colour"]);
        var expected = problem["expectedFeatures"]!.AsArray().Select(n => (string)n!).ToArray();
        Assert.Contains("category", expected);
        Assert.Contains("age", expected);
    }

    [Fact]
    public async Task Score_FeatureInContextAndCandidate_Is400()
    {
        var request = ApiClient.ExampleRequest();
        request["candidates"]![1]!["features"]!["age"] = 30;

        var problem = await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["candidates[1].features.age"]);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("""{"a": 1}""")]
    [InlineData("[1, 2]")]
    public async Task Score_FeatureOfAWrongJsonType_Is400WithItsPath(string value)
    {
        var body = ApiClient.ExampleRequest().ToJsonString().Replace("\"age\":39", $"\"age\":{value}", StringComparison.Ordinal);
        Assert.Contains(value, body, StringComparison.Ordinal);

        var problem = await AssertProblemAsync(await _client.PostRawAsync(body), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["context.age"]);
    }

    [Fact]
    public async Task Score_TextForANumericFeature_Is400()
    {
        var request = ApiClient.ExampleRequest();
        request["candidates"]![0]!["features"]!["duration"] = "long";

        var problem = await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["candidates[0].features.duration"]);
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e999")]
    public async Task Score_InfiniteNumber_Is400(string value)
    {
        var body = ApiClient.ExampleRequest().ToJsonString().Replace("\"age\":39", $"\"age\":{value}", StringComparison.Ordinal);

        await AssertProblemAsync(await _client.PostRawAsync(body), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("\"NaN\"")]
    public async Task Score_NaNOrInfinityLiteral_Is400(string value)
    {
        var body = ApiClient.ExampleRequest().ToJsonString().Replace("\"age\":39", $"\"age\":{value}", StringComparison.Ordinal);

        await AssertProblemAsync(await _client.PostRawAsync(body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Score_DuplicateItemId_Is400()
    {
        var request = ApiClient.ExampleRequest();
        request["candidates"]![1]!["itemId"] = (string)request["candidates"]![0]!["itemId"]!;

        var problem = await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["candidates[1].itemId"]);
    }

    [Fact]
    public async Task Score_RepeatedJsonProperty_Is400()
    {
        var body = ApiClient.ExampleRequest().ToJsonString().Replace("\"age\":39", "\"age\":39,\"age\":40", StringComparison.Ordinal);

        await AssertProblemAsync(await _client.PostRawAsync(body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Score_BodyOverTheSizeLimit_Is413()
    {
        var request = ApiClient.ExampleRequest();
        request["requestId"] = new string('x', 1024 * 1024 + 1);

        await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("{\"userId\": \"u-1\", \"candidates\": [")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"userId\": 5, \"candidates\": []}")]
    [InlineData("{\"userId\": \"u\", \"topK\": \"5\", \"candidates\": [{\"itemId\": \"a\"}]}")]
    public async Task Score_MalformedJson_Is400(string body)
    {
        await AssertProblemAsync(await _client.PostRawAsync(body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Score_NonJsonContentType_Is415()
    {
        await AssertProblemAsync(await _client.PostRawAsync(ApiClient.ExampleRequest().ToJsonString(), "text/plain"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Score_NullCandidate_Is400()
    {
        var request = ApiClient.ExampleRequest();
        request["candidates"]!.AsArray().Add(null);

        await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Score_TopKZero_Is400()
    {
        var request = ApiClient.ExampleRequest();
        request["topK"] = 0;

        await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Score_UnknownModelRoute_Is404()
    {
        await AssertProblemAsync(await _client.PostScoreAsync(ApiClient.ExampleRequest(), "/models/nope/score"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownRoute_Is404ProblemDetails()
    {
        await AssertProblemAsync(await _client.GetAsync("/nope"), HttpStatusCode.NotFound);
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, bool expectTraceId = true)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadObjectAsync();
            Assert.Equal((int)status, (int)problem["status"]!);
            Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
            if (expectTraceId)
            {
                Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]), "problem details carry a traceId");
            }

            return problem;
        }
    }
}
