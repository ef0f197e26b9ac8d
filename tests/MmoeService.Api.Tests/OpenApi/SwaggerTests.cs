using System.Net;
using System.Text.Json.Nodes;

namespace MmoeService.Api.Tests.OpenApi;

[Trait("Kind", "Integration")]
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
        Assert.Equal(["itemId", "ctr", "satisfaction", "score", "gates", "team"], item.Select(p => p.Key));
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

    [Fact]
    public async Task Document_AdminOperations_NeedTheApiKeyAndTheOthersNone()
    {
        var document = await _client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var scheme = document["components"]!["securitySchemes"]!["adminApiKey"]!;
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("header", (string?)scheme["in"]);
        Assert.Equal("X-Api-Key", (string?)scheme["name"]);
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (Path: path.Key, Operation: op.Value!))).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, op =>
        {
            var security = op.Operation["security"]!.AsArray();
            if (op.Path.StartsWith("/admin/", StringComparison.Ordinal))
            {
                Assert.Equal("adminApiKey", Assert.Single(Assert.Single(security)!.AsObject()).Key);
            }
            else
            {
                Assert.Empty(security);
            }
        });
    }

    [Fact]
    public async Task Document_Texts_NameNoCodeAndEveryOperationAnswersAClientError()
    {
        var document = await _client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var texts = Texts(document).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.DoesNotMatch(@"MmoeService\.|\b[TFPEM]:[A-Z]|\bRoom\b|ApiKeyFilter|TypedResults", text));
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)operation!["description"]), $"{method} {path} has a description");
                Assert.Contains(operation["responses"]!.AsObject(), response => response.Key.StartsWith('4'));
            }
        }
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key is "description" or "summary" && p.Value is JsonValue value && value.TryGetValue<string>(out var text)
            ? [text]
            : Texts(p.Value)),
        JsonArray array => array.SelectMany(Texts),
        _ => [],
    };
}
