using System.Net;
using System.Text.Json.Nodes;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Scoring;

[Trait("Kind", "Integration")]
public sealed class ScoringTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    private readonly HttpClient _client = fixture.Client;

    /// <summary>Every version folder of the committed repository that has examples.</summary>
    public static TheoryData<string, int> CommittedVersions()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in Directory.EnumerateDirectories(RepositoryPaths.CommittedModels).Order())
        {
            foreach (var version in Directory.EnumerateDirectories(model).Where(v => File.Exists(Path.Combine(v, ModelFiles.Examples))).Order())
            {
                data.Add(Path.GetFileName(model), int.Parse(Path.GetFileName(version), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    [Fact]
    public void CommittedRepository_HasTheDefaultPairAndTheConflictWorldModels() =>
        Assert.Equal(
            ["cgc-conflict", "mmoe", "mmoe-conflict", "shared-bottom", "shared-bottom-conflict"],
            CommittedVersions().Select(row => (string)row[0]).Distinct().Order());

    [Theory]
    [MemberData(nameof(CommittedVersions))]
    public async Task Examples_EveryLoadedModel_MatchTheTrainerWithin1e5(string model, int version)
    {
        var examples = ModelFiles.ReadExamples(Path.Combine(RepositoryPaths.CommittedModels, model, version.ToString(System.Globalization.CultureInfo.InvariantCulture), ModelFiles.Examples));
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            using var response = await _client.PostScoreAsync(example.Request, $"/models/{model}/score");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.ReadObjectAsync();
            Assert.Equal(version, (int)answer["model"]!["version"]!);
            var items = answer["items"]!.AsArray().ToDictionary(i => (string)i!["itemId"]!, i => i!.AsObject());
            Assert.Equal(example.Expected.Count, items.Count);
            foreach (var (itemId, outputs) in example.Expected)
            {
                foreach (var (output, expected) in outputs)
                {
                    // Expected keys are graph output names: "<task>" and "gates_<task>".
                    var actual = output.StartsWith("gates_", StringComparison.Ordinal)
                        ? items[itemId]["gates"]![output["gates_".Length..]]
                        : items[itemId][output];
                    AssertClose(expected, actual!, $"{model}/{version} {itemId} {output}");
                }
            }
        }
    }

    [Fact]
    public async Task Score_Mmoe_GatesOfEveryTaskSumToOne()
    {
        var answer = await ScoreAsync(ApiClient.ExampleRequest("mmoe"));

        Assert.Equal("mmoe", (string)answer["model"]!["architecture"]!);
        foreach (var item in answer["items"]!.AsArray())
        {
            var gates = item!["gates"]!.AsObject();
            Assert.Equal(["ctr", "satisfaction"], gates.Select(g => g.Key));
            foreach (var (_, weights) in gates)
            {
                Assert.Equal(4, weights!.AsArray().Count);
                Assert.Equal(1.0, weights.AsArray().Sum(w => (double)w!), 1e-5);
            }
        }
    }

    [Fact]
    public async Task Score_SharedBottom_GatesAreNull()
    {
        var answer = await ScoreAsync(ApiClient.ExampleRequest("shared-bottom"), "/models/shared-bottom/score");

        Assert.Equal("shared-bottom", (string)answer["model"]!["architecture"]!);
        Assert.All(answer["items"]!.AsArray(), item => Assert.Null(item!["gates"]));
    }

    [Fact]
    public async Task Score_WithoutIncludeGates_GatesAreNull()
    {
        var request = ApiClient.ExampleRequest();
        request["includeGates"] = false;

        var answer = await ScoreAsync(request);

        Assert.All(answer["items"]!.AsArray(), item => Assert.Null(item!["gates"]));
    }

    [Fact]
    public async Task Score_Items_AreSortedByScoreDescendingAndScoreIsCtrTimesSatisfaction()
    {
        var answer = await ScoreAsync(ApiClient.ExampleRequest());

        var items = answer["items"]!.AsArray();
        var scores = items.Select(i => (double)i!["score"]!).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(items, i => Assert.Equal((double)i!["ctr"]! * (double)i["satisfaction"]!, (double)i["score"]!, 1e-6));
    }

    [Fact]
    public async Task Score_TopK_ReturnsTheBestItems()
    {
        var all = await ScoreAsync(ApiClient.ExampleRequest());
        var request = ApiClient.ExampleRequest();
        request["topK"] = 2;

        var top = await ScoreAsync(request);

        Assert.Equal(
            all["items"]!.AsArray().Take(2).Select(i => (string)i!["itemId"]!),
            top["items"]!.AsArray().Select(i => (string)i!["itemId"]!));
    }

    [Fact]
    public async Task Score_DefaultRoute_ReportsTheDefaultModelAsArmWithoutExperiment()
    {
        var answer = await ScoreAsync(ApiClient.ExampleRequest());

        Assert.Null(answer["experiment"]);
        Assert.Equal("mmoe", (string)answer["arm"]!);
        Assert.Equal("mmoe", (string)answer["model"]!["name"]!);
        Assert.Equal("CPU", (string)answer["model"]!["executionProvider"]!);
    }

    [Fact]
    public async Task Score_RequestId_IsEchoed()
    {
        var request = ApiClient.ExampleRequest();
        request["requestId"] = "req-42";

        Assert.Equal("req-42", (string)(await ScoreAsync(request))["requestId"]!);
    }

    [Fact]
    public async Task Score_WithoutRequestId_GetsAGeneratedOne()
    {
        Assert.False(string.IsNullOrEmpty((string?)(await ScoreAsync(ApiClient.ExampleRequest()))["requestId"]));
    }

    [Fact]
    public async Task Score_HundredCandidates_ScoresEveryOne()
    {
        var answer = await ScoreAsync(ApiClient.ExampleRequest().WithCandidates(100));

        Assert.Equal(100, answer["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Models_ListsEveryModelWithItsServedVersion()
    {
        using var response = await _client.GetAsync("/models");
        var models = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(
            ["cgc-conflict", "mmoe", "mmoe-conflict", "shared-bottom", "shared-bottom-conflict"],
            models.Select(m => (string)m!["name"]!).Order());
        var mmoe = models.Single(m => (string)m!["name"]! == "mmoe")!;
        Assert.Equal("Serving", (string)mmoe["status"]!);
        Assert.Equal(1, (int)mmoe["servedVersion"]!);
        Assert.Equal(4, (int)mmoe["experts"]!);
        Assert.Equal(["ctr", "satisfaction"], mmoe["tasks"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("CPU", (string)mmoe["executionProvider"]!);
        Assert.NotNull(mmoe["loadedAt"]);
        Assert.Null(mmoe["lastLoadError"]);
    }

    private async Task<JsonObject> ScoreAsync(JsonObject request, string path = "/score")
    {
        using var response = await _client.PostScoreAsync(request, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    private static void AssertClose(JsonNode expected, JsonNode actual, string what)
    {
        if (expected is JsonArray expectedArray)
        {
            var actualArray = actual.AsArray();
            Assert.Equal(expectedArray.Count, actualArray.Count);
            for (var i = 0; i < expectedArray.Count; i++)
            {
                AssertClose(expectedArray[i]!, actualArray[i]!, $"{what}[{i}]");
            }

            return;
        }

        var difference = Math.Abs((double)expected - (double)actual);
        Assert.True(difference <= 1e-5, $"{what}: expected {expected}, got {actual} (|diff| {difference:g3})");
    }
}
