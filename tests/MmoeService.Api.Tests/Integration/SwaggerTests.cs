using System.Net;
using System.Text.Json.Nodes;

namespace MmoeService.Api.Tests.Integration;

public sealed class SwaggerTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task SwaggerUi_IsServedAtSwagger()
    {
        using var response = await _client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Document_DescribesTheScoreRequestFieldByField()
    {
        var document = await _client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var request = document["components"]!["schemas"]!["ScoreRequest"]!["properties"]!.AsObject();
        Assert.Equal(["userId", "requestId", "context", "candidates", "topK", "includeGates"], request.Select(p => p.Key));
        Assert.All(request, p => Assert.False(string.IsNullOrEmpty((string?)p.Value!["description"]), $"{p.Key} is documented"));
        var item = document["components"]!["schemas"]!["ScoredItem"]!["properties"]!.AsObject();
        Assert.Equal(["itemId", "ctr", "satisfaction", "score", "gates"], item.Select(p => p.Key));
    }

    [Fact]
    public async Task Document_ScoreExample_WorksAsIsAgainstTheDefaultModel()
    {
        var document = await _client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");
        var example = document["paths"]!["/score"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;

        using var response = await _client.PostScoreAsync(example.DeepClone());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadObjectAsync())["items"]!.AsArray().Count);
    }
}
