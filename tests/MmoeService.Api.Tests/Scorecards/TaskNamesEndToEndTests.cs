using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.ExperimentPlatform;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>
/// A model whose tasks are <c>click</c> and <c>purchase</c> (the committed models with their manifests' task names
/// rewritten, as a dataset spec with other labels would train them) runs an experiment end to end: routing,
/// exposures, feedback naming those tasks, the scorecard and the page the dashboard polls.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class TaskNamesEndToEndTests
{
    private const string Experiment = "mmoe-vs-shared-bottom";
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal) { ["ctr"] = "click", ["satisfaction"] = "purchase" };

    [Fact]
    public async Task Experiment_ModelWithClickAndPurchaseTasks_ScoresRecordsAndComparesByThoseNames()
    {
        using var repository = TempRepository.CopyOfCommitted();
        foreach (var model in new[] { "mmoe", "shared-bottom" })
        {
            repository.AddVersion(model, 1, 2, (manifest, _) => RenameTasks(manifest));
        }

        ExposureCounter? counter = null;
        await using var factory = new MmoeApiFactory(
            repository.Root,
            settings: new Dictionary<string, string?> { ["Experiments:Active"] = Experiment },
            services: services => services.DecorateStore(store => counter = new ExposureCounter(store)));
        var client = await factory.StartAsync();
        _ = factory.Services.GetRequiredService<IExperimentStore>();

        var feedback = new JsonArray();
        var positives = new Dictionary<string, (int Clicks, int Purchases, int Impressions)>(StringComparer.Ordinal);
        for (var user = 0; user < 40; user++)
        {
            var request = ApiClient.ExampleRequest();
            request["userId"] = $"user-{user}";
            using var scored = await client.PostScoreAsync(request);
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
            var answer = await scored.ReadObjectAsync();
            var arm = (string)answer["arm"]!;
            foreach (var (item, rank) in answer["items"]!.AsArray().Select((item, rank) => (item!, rank)))
            {
                Assert.NotNull(item["click"]);
                var (click, purchase) = (rank == 0 ? 1 : 0, rank == 0 && user % 2 == 0 ? 1 : 0);
                var seen = positives.GetValueOrDefault(arm);
                positives[arm] = (seen.Clicks + click, seen.Purchases + purchase, seen.Impressions + 1);
                feedback.Add(new JsonObject
                {
                    ["requestId"] = (string)answer["requestId"]!,
                    ["itemId"] = (string)item["itemId"]!,
                    ["outcomes"] = new JsonObject { ["click"] = click, ["purchase"] = purchase },
                });
            }
        }

        await counter!.WaitForAsync(40).WaitAsync(TimeSpan.FromSeconds(30));
        using (var posted = await client.PostFeedbackAsync(new JsonObject { ["events"] = feedback }))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal(0, (int)(await posted.ReadObjectAsync())["orphaned"]!);
        }

        var card = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");

        foreach (var arm in card["arms"]!.AsArray())
        {
            var tasks = arm!["tasks"]!.AsArray();
            Assert.Equal(["click", "purchase"], tasks.Select(t => (string?)t!["task"]));
            var expected = positives[(string)arm["arm"]!];
            Assert.Equal(expected.Clicks, (long)tasks[0]!["rate"]!["positives"]!);
            Assert.Equal(expected.Purchases, (long)tasks[1]!["rate"]!["positives"]!);
            Assert.Equal(expected.Impressions, (long)tasks[1]!["rate"]!["labeled"]!);
            Assert.NotNull(tasks[0]!["predictions"]!["meanPredicted"]);
        }

        var comparison = Assert.Single(card["comparisons"]!.AsArray())!;
        Assert.Equal(["click", "purchase"], comparison["tasks"]!.AsArray().Select(t => (string?)t!["task"]));
        Assert.NotNull(comparison["tasks"]![0]!["lift"]!["absolute"]);
        var gates = Assert.Single(card["gates"]!.AsArray())!;
        Assert.Equal(["click", "purchase"], gates["tasks"]!.AsArray().Select(t => (string?)t!["task"]));
        Assert.NotNull(gates["tasks"]![1]!["trainingMeanWeights"]);

        using var page = await client.GetAsync($"/dashboard/{Experiment}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static void RenameTasks(JsonObject manifest)
    {
        foreach (var task in manifest["tasks"]!.AsArray())
        {
            task!["name"] = Renamed[(string)task["name"]!];
        }

        if (manifest["gates"] is JsonObject gates)
        {
            manifest["gates"] = RenameKeys(gates);
        }

        if (manifest["metrics"] is JsonObject metrics)
        {
            foreach (var split in metrics.Select(m => m.Key).ToArray())
            {
                if (metrics[split] is JsonObject perTask)
                {
                    metrics[split] = RenameKeys(perTask);
                }
            }
        }
    }

    private static JsonObject RenameKeys(JsonObject byTask) =>
        new(byTask.Select(p => KeyValuePair.Create(Renamed.GetValueOrDefault(p.Key, p.Key), p.Value?.DeepClone())));
}
