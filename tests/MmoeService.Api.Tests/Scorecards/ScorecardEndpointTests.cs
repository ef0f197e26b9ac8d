using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Store;

using MmoeService.Api.Tests.Infrastructure.StoreDoubles;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>
/// The scorecard endpoints over the committed configuration (experiment mmoe-vs-shared-bottom, control shared-bottom)
/// and the committed models, with the store replaced by fixed observations.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class ScorecardEndpointTests
{
    private const string Experiment = "mmoe-vs-shared-bottom";

    private static readonly ArmObservations SharedBottom = new(
        "shared-bottom", "shared-bottom", [1], 6, 40, 2, 21,
        [
            new TaskObservations("ctr", new TaskOutcomes(7, 21, 8.4, 21), new UnitMoments(6, 7, 21, 15, 91, 30), Observations.Bins([(0.2f, false), (0.6f, true)])),
            new TaskObservations("satisfaction", new TaskOutcomes(3, 21, 4.2, 21), new UnitMoments(6, 3, 21, 3, 91, 12), []),
        ],
        [new(LatencyBins.Of(10), 1), new(LatencyBins.Of(20), 1), new(LatencyBins.Of(30), 1)],
        [new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), 40)], []);

    private static readonly ArmObservations Mmoe = SharedBottom with
    {
        Arm = "mmoe", Model = "mmoe", EnrolledUnits = 7, Requests = 50, FailedRequests = 0,
        Tasks = [SharedBottom.Tasks[0] with { Outcomes = new TaskOutcomes(11, 20, 10, 20), ByUnit = new UnitMoments(7, 11, 20, 27, 80, 42) }, SharedBottom.Tasks[1]],
        Gates = [new("ctr", [0.25, 0.25, 0.25, 0.25], 0.0), new("satisfaction", [0.005, 0.95, 0.03, 0.015], 0.31)],
    };

    // The factory leaves every experiment inactive by default; these tests make the committed one route /score.
    private static MmoeApiFactory Factory(IExperimentStore store) => new(
        settings: new Dictionary<string, string?> { ["Experiments:Active"] = Experiment },
        services: services => services.AddSingleton(store));

    [Fact]
    public async Task ListExperiments_CommittedConfiguration_ListsArmsControlFirstWithLinks()
    {
        await using var factory = Factory(new FixedExperimentStore([]));
        var client = await factory.StartAsync();

        var experiments = (await client.GetFromJsonNodeAsync("/experiments")).AsArray();

        // appsettings also defines the A/A and interleaving experiments, not routing.
        Assert.Equal(["mmoe-aa", Experiment, "mmoe-vs-shared-bottom-interleaved"], experiments.Select(e => (string?)e!["name"]));
        var experiment = experiments.Single(e => (string?)e!["name"] == Experiment)!;
        Assert.Equal(Experiment, (string?)experiment["name"]);
        Assert.Equal("running", (string?)experiment["status"]);
        Assert.True((bool)experiment["active"]!);
        Assert.Equal("shared-bottom", (string?)experiment["control"]);
        Assert.Equal(["shared-bottom", "mmoe"], experiment["arms"]!.AsArray().Select(a => (string?)a!["name"]));
        Assert.Equal(50, (double)experiment["arms"]![1]!["weight"]!);
        Assert.Equal($"/experiments/{Experiment}/scorecard", (string?)experiment["scorecard"]);
        Assert.Equal($"/dashboard/{Experiment}", (string?)experiment["dashboard"]);
    }

    [Fact]
    public async Task GetScorecard_UnknownExperiment_Returns404ProblemDetails()
    {
        var store = new FixedExperimentStore([]);
        await using var factory = Factory(store);
        var client = await factory.StartAsync();

        using var response = await client.GetAsync("/experiments/no-such-experiment/scorecard");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal("Unknown experiment", (string?)problem["title"]);
        Assert.Contains("no-such-experiment", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty(store.Reads);
    }

    [Fact]
    public async Task GetScorecard_StoreUnavailable_Returns503WithRetryAfter()
    {
        await using var factory = Factory(new FixedExperimentStore([], unavailable: true));
        var client = await factory.StartAsync();

        using var response = await client.GetAsync($"/experiments/{Experiment}/scorecard");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("Experiment store unavailable", (string?)(await response.ReadObjectAsync())["title"]);
    }

    [Fact]
    public async Task GetScorecard_StoredObservations_ComputesArmsLiftSrmAndGateDriftFromTheManifest()
    {
        var store = new FixedExperimentStore([Mmoe, SharedBottom]);
        await using var factory = Factory(store);
        var client = await factory.StartAsync();

        var card = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");

        Assert.Equal([Experiment], store.Reads);
        Assert.Equal(["shared-bottom", "mmoe"], card["arms"]!.AsArray().Select(a => (string?)a!["arm"]));
        Assert.Equal(40, (long)card["arms"]![0]!["requests"]!);
        Assert.Equal(0.05, (double)card["arms"]![0]!["errorRate"]!, 12);

        // The DeltaMethodTests reference: +0.21667 absolute, p = 0.19927.
        var ctr = card["comparisons"]![0]!["tasks"]![0]!["lift"]!;
        Assert.Equal("ctr", (string?)card["comparisons"]![0]!["tasks"]![0]!["task"]);
        Assert.Equal(0.21666666666666673, (double)ctr["absolute"]!, 12);
        Assert.Equal(0.19927404204511737, (double)ctr["pValue"]!, 12);
        Assert.False((bool)card["sampleRatio"]!["mismatch"]!);

        // Drift against the committed mmoe v1 manifest's validation gates.
        var gates = Assert.Single(card["gates"]!.AsArray())!;
        Assert.Equal(1, (int)gates["baselineVersion"]!);
        var satisfaction = gates["tasks"]![1]!;
        Assert.Equal("satisfaction", (string?)satisfaction["task"]);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", "mmoe", "1", "manifest.json")))!;
        Assert.Equal((double)manifest["gates"]!["satisfaction"]!["meanWeights"]![1]!, (double)satisfaction["trainingMeanWeights"]![1]!, 12);
        Assert.Equal(1, (int)satisfaction["dominantExpert"]!);
        Assert.Equal([0], satisfaction["collapsedExperts"]!.AsArray().Select(e => (int)e!));
        Assert.True((bool)satisfaction["drifted"]!);
        Assert.Equal(0.31, (double)satisfaction["concentratedShare"]!, 12);
        Assert.Equal(0.0, (double)gates["tasks"]![0]!["concentratedShare"]!, 12);
        Assert.Equal(0.95, (double)gates["concentratedAbove"]!, 12);
    }

    [Fact]
    public async Task Dashboard_ExperimentPage_NamesTheScorecardAndRefreshInterval()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Dashboard:RefreshSeconds"] = "3" });
        var client = await factory.StartAsync();

        using var response = await client.GetAsync($"/dashboard/{Experiment}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"data-scorecard=\"/experiments/{Experiment}/scorecard\"", html, StringComparison.Ordinal);
        Assert.Contains("data-refresh-ms=\"3000\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboard/no-such-experiment")]
    [InlineData("/dashboard/assets/experiment.html")]
    [InlineData("/dashboard/assets/secrets.json")]
    public async Task Dashboard_UnknownPageOrAsset_Returns404ProblemDetails(string path)
    {
        await using var factory = new MmoeApiFactory();
        var client = await factory.StartAsync();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/dashboard", "text/html")]
    [InlineData("/dashboard/assets/dashboard.js", "text/javascript")]
    [InlineData("/dashboard/assets/dashboard.css", "text/css")]
    public async Task Dashboard_IndexAndAssets_ServedFromTheAssembly(string path, string mediaType)
    {
        await using var factory = new MmoeApiFactory();
        var client = await factory.StartAsync();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Swagger_ScorecardEndpoint_DocumentsTheScorecardSchemaAnd404()
    {
        await using var factory = Factory(new FixedExperimentStore([]));
        var client = await factory.StartAsync();

        var document = await client.GetFromJsonNodeAsync("/swagger/v1/swagger.json");

        var operation = document["paths"]!["/experiments/{name}/scorecard"]!["get"]!;
        Assert.Contains("delta method", (string?)operation["description"], StringComparison.Ordinal);
        Assert.NotNull(operation["responses"]!["404"]);
        Assert.NotNull(operation["responses"]!["503"]);
        var schemas = document["components"]!["schemas"]!;
        Assert.NotNull(schemas["Scorecard"]!["properties"]!["sampleRatio"]);
        Assert.Contains("Wald", (string?)schemas["LiftEstimate"]!["properties"]!["pValue"]!["description"], StringComparison.Ordinal);
        Assert.Null(document["paths"]!["/dashboard/{experiment}"]);
    }

    [Fact]
    public async Task GetScorecard_InactiveExperiment_StillAnswersAndSaysSo()
    {
        await using var factory = new MmoeApiFactory(services: services => services.AddSingleton<IExperimentStore>(new FixedExperimentStore([SharedBottom])));
        var client = await factory.StartAsync();

        var card = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");

        Assert.False((bool)card["active"]!);
        Assert.Equal(40, (long)card["arms"]![0]!["requests"]!);
    }
}
