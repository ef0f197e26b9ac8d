using System.Text.Json.Nodes;
using JsonNode = System.Text.Json.Nodes.JsonNode;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;
using MmoeService.Client;

namespace MmoeService.Api.Tests.OpenApi;

/// <summary>
/// The contract as callers get it: the served OpenAPI document equals the snapshot the client is generated from, and
/// the generated client completes a score, feedback, scorecard round trip against the service.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class ContractTests(DefaultModelsFixture fixture) : IClassFixture<DefaultModelsFixture>
{
    private const string Experiment = "mmoe-vs-shared-bottom";

    /// <summary>Set to 1 to write the served document over the snapshot instead of comparing.</summary>
    private const string RefreshVariable = "MMOE_REFRESH_CONTRACT";

    private static string SnapshotPath => Path.Combine(RepositoryPaths.RepositoryRoot, "src", "MmoeService.Client", "openapi.json");

    [Fact]
    public async Task ServedDocument_EqualsTheClientsSnapshot()
    {
        var served = await fixture.Client.GetStringAsync("/swagger/v1/swagger.json");
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, served);
        }

        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(SnapshotPath));
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(served), snapshot),
            $"The served OpenAPI document differs from {SnapshotPath}, which the client is generated from. If the change is " +
            $"meant, refresh the snapshot and rebuild: {RefreshVariable}=1 dotnet test tests/MmoeService.Api.Tests " +
            "--filter FullyQualifiedName~ContractTests.ServedDocument, then commit src/MmoeService.Client/openapi.json.");
    }

    [Fact]
    public async Task GeneratedClient_ScoreFeedbackScorecard_RoundTrips()
    {
        var written = new ExposureSignal();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Experiments:Active"] = Experiment },
            services: services => services.DecorateStore(written.Wrap));
        using var http = await factory.StartAsync();
        var client = new MmoeServiceClient(http);
        var example = ApiClient.ExampleRequest();

        var answer = await client.ScoreAsync(new ScoreRequest
        {
            UserId = "u-1842",
            RequestId = "client-round-trip-1",
            Context = example["context"]!.AsObject().ToDictionary(f => f.Key, f => Value(f.Value)),
            Candidates = [.. example["candidates"]!.AsArray().Select(c => new ScoreCandidate
            {
                ItemId = (string?)c!["itemId"],
                Features = c["features"]!.AsObject().ToDictionary(f => f.Key, f => Value(f.Value)),
            })],
            TopK = 2,
        });

        Assert.Equal(("client-round-trip-1", Experiment, "mmoe", true), (answer.RequestId, answer.Experiment, answer.Arm, answer.Enrolled));
        var items = answer.Items!;
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.InRange(item.Ctr!.Value, 0f, 1f));
        Assert.True(items[0].Score >= items[1].Score, "best score first");
        await written.WaitForAsync("client-round-trip-1");

        var receipt = await client.FeedbackAsync(new FeedbackRequest
        {
            Events = [new FeedbackEventBody { RequestId = answer.RequestId, ItemId = items[0].ItemId, Clicked = true, Satisfied = false }],
        });
        Assert.Equal((1, 0), (receipt.Accepted, receipt.Orphaned));

        var scorecard = await client.GetScorecardAsync(Experiment);
        Assert.Equal(Experiment, scorecard.Experiment);
        var arm = Assert.Single(scorecard.Arms!, a => a.Arm == "mmoe");
        Assert.Equal((1L, 2L), (arm.Requests, arm.Impressions));
        var ctr = Assert.Single(arm.Tasks!, t => t.Task == "ctr");
        Assert.Equal(1L, ctr.Rate!.Positives);

        var unknown = await Assert.ThrowsAsync<MmoeServiceException<ProblemDetails>>(() => client.GetScorecardAsync("no-such-experiment"));
        Assert.Equal(404, unknown.StatusCode);
    }

    /// <summary>A feature value of the example as the client carries it: a number or a string.</summary>
    private static object Value(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.GetValue<double>(),
        _ => throw new ArgumentException($"Not a number or a string: {node?.ToJsonString() ?? "null"}", nameof(node)),
    };
}
