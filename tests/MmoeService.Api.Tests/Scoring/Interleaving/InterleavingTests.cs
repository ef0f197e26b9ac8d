using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;
using MmoeService.ExperimentPlatform;
using MmoeService.Serving.Routing;

namespace MmoeService.Api.Tests.Scoring.Interleaving;

/// <summary>
/// The interleaving experiment of appsettings.json (mmoe-vs-shared-bottom-interleaved: control shared-bottom,
/// treatment mmoe) end to end: /score answers the team-draft interleaving of both models' rankings, the exposure
/// keeps each item's team, /feedback credits the clicked item's team, and the scorecard reads the unit preference.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class InterleavingTests
{
    private const string Experiment = "mmoe-vs-shared-bottom-interleaved";
    private static readonly string[] Categories = ["music", "science", "education", "news", "sports", "gaming", "comedy", "cooking"];

    [Fact]
    public async Task Score_InterleavingExperiment_AnswersATeamDraftOfBothModelsRankings()
    {
        await using var factory = Factory();
        using var client = await factory.StartAsync();

        foreach (var requestId in Enumerable.Range(0, 8).Select(i => "interleave-" + i))
        {
            var request = Request("u-" + requestId, requestId, topK: 10);
            var answer = await (await client.PostScoreAsync(request)).ReadObjectAsync();
            var control = await RankingAsync(client, request, "shared-bottom");
            var treatment = await RankingAsync(client, request, "mmoe");

            Assert.Equal((Experiment, InterleavedArms.ArmName, true), ((string?)answer["experiment"], (string?)answer["arm"], (bool)answer["enrolled"]!));
            var items = answer["items"]!.AsArray().Select(i => i!.AsObject()).ToArray();
            Assert.Equal(10, items.Length);
            Assert.Equal(items.Length, items.Select(i => (string)i["itemId"]!).Distinct().Count());
            Assert.All(items, i => Assert.Contains((string?)i["team"], new[] { "shared-bottom", "mmoe" }));
            var treatmentPicks = items.Count(i => (string?)i["team"] == "mmoe");
            Assert.InRange(treatmentPicks, items.Length / 2 - 1, items.Length / 2 + 1);

            // Each pick is its team's best item not already taken, and carries that team's model outputs.
            var taken = new HashSet<string>();
            foreach (var item in items)
            {
                var ranking = (string)item["team"]! == "mmoe" ? treatment : control;
                var best = ranking.First(r => !taken.Contains(r.ItemId));
                Assert.Equal(best.ItemId, (string)item["itemId"]!);
                Assert.Equal(best.Score, (double)item["score"]!, 12);
                taken.Add(best.ItemId);
            }
        }
    }

    [Fact]
    public async Task Score_InterleavingWithGates_EachItemCarriesItsOwnModelsGates()
    {
        await using var factory = Factory();
        using var client = await factory.StartAsync();
        var request = Request("u-gates", "gates-1", topK: 12);
        request["includeGates"] = true;
        var mmoe = await FullAnswerAsync(client, request, "mmoe");
        var sharedBottom = await FullAnswerAsync(client, request, "shared-bottom");

        var items = (await (await client.PostScoreAsync(request)).ReadObjectAsync())["items"]!.AsArray().Select(i => i!.AsObject()).ToArray();

        // Shared-Bottom has no gates; MMoE's are its own width, and each item's outputs are its own model's.
        Assert.Contains(items, i => (string?)i["team"] == "mmoe");
        Assert.Contains(items, i => (string?)i["team"] == "shared-bottom");
        foreach (var item in items)
        {
            var own = ((string)item["team"]! == "mmoe" ? mmoe : sharedBottom)[(string)item["itemId"]!];
            Assert.Equal((double)own["score"]!, (double)item["score"]!, 12);
            Assert.Equal((double)own["ctr"]!, (double)item["ctr"]!, 12);
            Assert.Equal(own["gates"]?.ToJsonString(), item["gates"]?.ToJsonString());
        }

        Assert.All(items.Where(i => (string?)i["team"] == "shared-bottom"), i => Assert.Null(i["gates"]));
        Assert.All(items.Where(i => (string?)i["team"] == "mmoe"), i => Assert.NotEmpty(i["gates"]!["ctr"]!.AsArray()));
    }

    [Fact]
    public async Task GrpcScore_InterleavingExperiment_AnswersTheSameItemsAndTeamsAsRest()
    {
        await using var factory = Factory();
        using var client = await factory.StartAsync();
        var grpc = new MmoeService.Serving.Grpc.Scoring.ScoringClient(ProtocolRequests.Channel(factory));
        var request = Request("u-grpc", "grpc-1", topK: 10);

        var rest = (await (await client.PostScoreAsync(request)).ReadObjectAsync())["items"]!.AsArray();
        var reply = await grpc.ScoreAsync(ProtocolRequests.ToGrpc(request));

        Assert.Equal(rest.Select(i => (string)i!["itemId"]!), reply.ItemIds);
        Assert.Equal(rest.Select(i => (string)i!["team"]!), reply.Teams);
        Assert.Equal(rest.Select(i => (double)i!["ctr"]!), reply.Tasks.Single(t => t.Name == "ctr").Values.Select(v => (double)v), new Tolerance(1e-5));
    }

    [Fact]
    public async Task Score_AbExperiment_ItemsCarryNoTeam()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Experiments:Active"] = "mmoe-vs-shared-bottom" });
        using var client = await factory.StartAsync();

        var answer = await (await client.PostScoreAsync(Request("u-ab", "ab-1", topK: 5))).ReadObjectAsync();

        Assert.All(answer["items"]!.AsArray(), i => Assert.False(i!.AsObject().ContainsKey("team")));
    }

    [Fact]
    public async Task Feedback_OnInterleavedItems_CreditsTheTeamOfEachClickedItem()
    {
        var written = new ExposureSignal();
        await using var factory = Factory(services => services.DecorateStore(written.Wrap));
        using var client = await factory.StartAsync();
        var (first, exposure) = await ScoreAsync(client, written, "u-credit-1", "credit-1");
        var (second, _) = await ScoreAsync(client, written, "u-credit-2", "credit-2");
        Assert.Equal(first.Select(i => i.Team == "mmoe" ? "Treatment" : "Control"), exposure.Items.Select(i => i.Team.ToString()));
        string Pick(IEnumerable<(string ItemId, string Team)> items, string team, int n) => items.Where(i => i.Team == team).ElementAt(n).ItemId;

        // Unit 1: two treatment clicks (one satisfied) against one satisfied control click. Unit 2: one control click.
        await PostAsync(client,
            ("credit-1", Pick(first, "mmoe", 0), true, true, 1), ("credit-1", Pick(first, "mmoe", 1), true, false, 1),
            ("credit-1", Pick(first, "shared-bottom", 0), true, true, 1), ("credit-2", Pick(second, "shared-bottom", 0), true, false, 1));
        var before = await PreferencesAsync(client);
        Assert.Equal((1L, 1L, 0L), Counts(before, "ctr"));
        Assert.Equal((0L, 0L, 2L), Counts(before, "satisfaction"));
        Assert.Equal(0.0, (double)before["ctr"]!["meanDifference"]!["value"]!, 12); // d = {+1, -1}
        Assert.Equal(0.5, (double)before["ctr"]!["share"]!["value"]!, 12);

        // A later event withdraws one of unit 1's treatment clicks: its credit is 1 - 1, a tie.
        await PostAsync(client, ("credit-1", Pick(first, "mmoe", 1), false, false, 2));
        var after = await PreferencesAsync(client);
        Assert.Equal((0L, 1L, 1L), Counts(after, "ctr"));
        Assert.Equal(-0.5, (double)after["ctr"]!["meanDifference"]!["value"]!, 12); // d = {0, -1}
    }

    [Fact]
    public async Task Scorecard_AbExperiment_HasNoInterleavingSection()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Experiments:Active"] = "mmoe-vs-shared-bottom" });
        using var client = await factory.StartAsync();

        var card = await client.GetFromJsonNodeAsync("/experiments/mmoe-vs-shared-bottom/scorecard");

        Assert.Null(card["interleaving"]);
    }

    private static MmoeApiFactory Factory(Action<IServiceCollection>? services = null) =>
        new(settings: new Dictionary<string, string?> { ["Experiments:Active"] = Experiment }, services: services);

    /// <summary>A request with 24 varied candidates, so the two models rank them differently.</summary>
    private static JsonObject Request(string userId, string requestId, int topK)
    {
        var request = ApiClient.ExampleRequest();
        request["userId"] = userId;
        request["requestId"] = requestId;
        request["topK"] = topK;
        request["includeGates"] = false;
        var candidates = new JsonArray();
        for (var i = 0; i < 24; i++)
        {
            candidates.Add(new JsonObject
            {
                ["itemId"] = "c-" + i.ToString(CultureInfo.InvariantCulture),
                ["features"] = new JsonObject
                {
                    ["category"] = Categories[i % Categories.Length],
                    ["duration"] = 2.0 + (i * 7 % 55),
                    ["popularity"] = (i * 37 % 100) / 100.0,
                },
            });
        }

        request["candidates"] = candidates;
        return request;
    }

    private static async Task<(string ItemId, double Score)[]> RankingAsync(HttpClient client, JsonObject request, string model)
    {
        var full = request.DeepClone().AsObject();
        full.Remove("topK");
        using var response = await client.PostScoreAsync(full, $"/models/{model}/score");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadObjectAsync())["items"]!.AsArray().Select(i => ((string)i!["itemId"]!, (double)i["score"]!))];
    }

    private static async Task<Dictionary<string, JsonObject>> FullAnswerAsync(HttpClient client, JsonObject request, string model)
    {
        var full = request.DeepClone().AsObject();
        full.Remove("topK");
        using var response = await client.PostScoreAsync(full, $"/models/{model}/score");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadObjectAsync())["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => (string)i["itemId"]!);
    }

    private static async Task PostAsync(HttpClient client, params (string RequestId, string ItemId, bool Clicked, bool Satisfied, int Minute)[] events)
    {
        using var response = await client.PostFeedbackAsync(new JsonObject
        {
            ["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
            {
                ["requestId"] = e.RequestId, ["itemId"] = e.ItemId, ["clicked"] = e.Clicked, ["satisfied"] = e.Satisfied,
                ["time"] = $"2025-12-31T23:{e.Minute:D2}:00Z",
            })]),
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<((string ItemId, string Team)[] Items, ExposureEvent Exposure)> ScoreAsync(HttpClient client, ExposureSignal written, string userId, string requestId)
    {
        var answer = await (await client.PostScoreAsync(Request(userId, requestId, topK: 8))).ReadObjectAsync();
        var exposure = await written.WaitForAsync(requestId);
        return ([.. answer["items"]!.AsArray().Select(i => ((string)i!["itemId"]!, (string)i["team"]!))], exposure);
    }

    private static async Task<JsonObject> PreferencesAsync(HttpClient client)
    {
        var card = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");
        var section = card["interleaving"]!;
        Assert.Equal(("shared-bottom", "mmoe", 2L), ((string?)section["controlArm"], (string?)section["treatmentArm"], (long)section["units"]!));
        return new JsonObject(section["tasks"]!.AsArray().Select(t => KeyValuePair.Create((string)t!["task"]!, (JsonNode?)t.DeepClone())));
    }

    private static (long Treatment, long Control, long Ties) Counts(JsonObject tasks, string task) =>
        ((long)tasks[task]!["preferTreatment"]!, (long)tasks[task]!["preferControl"]!, (long)tasks[task]!["ties"]!);

    private sealed class Tolerance(double within) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= within;

        public int GetHashCode(double obj) => 0;
    }
}
