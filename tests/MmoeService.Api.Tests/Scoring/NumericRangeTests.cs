using System.Net;
using System.Text.Json.Nodes;

namespace MmoeService.Api.Tests.Scoring;

/// <summary>
/// Regressions found by a new user: 1e308 (finite as a double, infinite as float32) answered 200 with null scores,
/// and 1e30 answered scores of exactly 0. Both are now 400 naming the field, and no answer carries a non-finite score.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class NumericRangeTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Theory]
    [InlineData("1e308")]
    [InlineData("-1e308")]
    [InlineData("1e30")]
    public async Task Score_ContextNumberThatDoesNotFitTheModel_Is400NamingTheField(string value)
    {
        var body = ApiClient.ExampleRequest().ToJsonString().Replace("\"age\":39", $"\"age\":{value}", StringComparison.Ordinal);

        var problem = await AssertProblemAsync(await _client.PostRawAsync(body), HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["context.age"]);
    }

    [Fact]
    public async Task Score_CandidateNumberBeyondFloat32_Is400NamingTheCandidate()
    {
        var request = ApiClient.ExampleRequest();
        request["candidates"]![2]!["features"]!["duration"] = JsonValue.Create(1e308);

        var problem = await AssertProblemAsync(await _client.PostScoreAsync(request), HttpStatusCode.BadRequest);

        Assert.Contains("32-bit float", (string)problem["errors"]!["candidates[2].features.duration"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_LargeButPlausibleNumber_IsScoredWithFiniteScores()
    {
        var body = ApiClient.ExampleRequest().ToJsonString().Replace("\"age\":39", "\"age\":390", StringComparison.Ordinal);

        using var response = await _client.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var item in (await response.ReadObjectAsync())["items"]!.AsArray())
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Number, JsonValueKind(item!["score"]));
            Assert.Equal(System.Text.Json.JsonValueKind.Number, JsonValueKind(item["ctr"]));
        }
    }

    [Fact]
    public async Task Score_ModelOutputNotFinite_Is422NamingTheCandidateNotNullScores()
    {
        await using var factory = new MmoeApiFactory(services: StubRunners.Register<NaNRunner>);
        using var client = await factory.StartAsync();

        var problem = await AssertProblemAsync(await client.PostScoreAsync(ApiClient.ExampleRequest()), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Non-finite score", (string)problem["title"]!);
        Assert.NotNull(problem["errors"]!["candidates[1]"]);
        Assert.Contains(
            "mmoe_score_requests_total{model=\"mmoe\",version=\"1\",arm=\"mmoe\",status=\"422\"} 1",
            await client.GetStringAsync("/metrics"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_CombinedScoreNotFinite_Is422NamingTheExponents()
    {
        // A fractional exponent of a negative output is NaN: finite outputs, non-finite score.
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Scoring:ScoreExponents:mmoe:ctr"] = "0.5" },
            services: StubRunners.Register<NegativeOutputRunner>);
        using var client = await factory.StartAsync();

        var problem = await AssertProblemAsync(await client.PostScoreAsync(ApiClient.ExampleRequest(), "/models/mmoe/score"), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Scoring:ScoreExponents", (string)problem["errors"]!["candidates[0]"]![0]!, StringComparison.Ordinal);
    }

    private static System.Text.Json.JsonValueKind JsonValueKind(JsonNode? node) => node?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await response.ReadObjectAsync();
        }
    }
}
