using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.Api.Observability;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>
/// The default experiment of appsettings.json (mmoe-vs-shared-bottom, salt mmoe-vs-shared-bottom-2026-12) end to end:
/// /score routes by hash, the exposure lands in the SQLite store, /feedback labels it.
/// Arm buckets (python3 hashlib, see ExperimentRouterTests): u-1842 -> 2504 (mmoe), u-2 -> 8023 (shared-bottom).
/// </summary>
[Trait("Kind", "Integration")]
public sealed class ExperimentRoundTripTests
{
    private const string Experiment = "mmoe-vs-shared-bottom";

    [Theory]
    [InlineData("u-1842", "mmoe")]
    [InlineData("u-2", "shared-bottom")]
    public async Task ScoreThenFeedback_LandsInTheStoreWithTheArmAndHashedUnit(string userId, string arm)
    {
        var written = new ExposureSignal();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Experiments:Active"] = Experiment },
            services: services => services.DecorateStore(written.Wrap));
        using var client = await factory.StartAsync();
        var request = ApiClient.ExampleRequest();
        request["userId"] = userId;
        request["requestId"] = "round-trip-1";

        using var scored = await client.PostScoreAsync(request);
        var answer = await scored.ReadObjectAsync();

        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        Assert.Equal((Experiment, arm, true, "Hash"), ((string?)answer["experiment"], (string?)answer["arm"], (bool)answer["enrolled"]!, (string?)answer["assignmentReason"]));
        var items = answer["items"]!.AsArray();
        var exposure = await written.WaitForAsync("round-trip-1");
        var store = factory.Services.GetRequiredService<IExperimentStore>();
        var stored = await StoreDatabase.Sqlite(factory.DataDirectory).FindExposureAsync("round-trip-1");
        var unitHash = factory.Services.GetRequiredService<UserIdHasher>().Hash(userId);
        Assert.Equal(
            new StoredExposure("round-trip-1", Experiment, arm, true, AssignmentReason.Hash, unitHash, arm, 1, items.Count, 200, exposure.LatencyMs, exposure.Time),
            stored! with { LatencyMs = exposure.LatencyMs, Time = exposure.Time });
        Assert.DoesNotContain(userId, unitHash, StringComparison.Ordinal);

        var first = (string)items[0]!["itemId"]!;
        using var feedback = await client.PostFeedbackAsync(new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject { ["requestId"] = "round-trip-1", ["itemId"] = first, ["clicked"] = true, ["satisfied"] = true }),
        });

        Assert.Equal(HttpStatusCode.Accepted, feedback.StatusCode);
        Assert.Equal(0, (int)(await feedback.ReadObjectAsync())["orphaned"]!);
        var observed = Assert.Single(await store.ReadArmObservationsAsync(Experiment, default));
        Assert.Equal((arm, arm, 1L, 1L, (long)items.Count), (observed.Arm, observed.Model, observed.EnrolledUnits, observed.Requests, observed.Impressions));
        var ctr = observed.Tasks.Single(t => t.Task == "ctr");
        Assert.Equal((1L, 1L, 1L), (ctr.Outcomes.Positives, ctr.Outcomes.Labeled, observed.Tasks.Single(t => t.Task == "satisfaction").Outcomes.Positives));
        Assert.Equal((float)items[0]!["ctr"]!, ctr.Outcomes.SumPredicted, 6);
        Assert.Equal(PredictionBins.Of((float)items[0]!["ctr"]!), Assert.Single(ctr.Predictions).Bin);
    }

    [Fact]
    public async Task Score_StoreDownAndQueueFull_AnswersAndCountsDroppedExposures()
    {
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?>
            {
                ["Experiments:Active"] = Experiment, ["Exposures:QueueCapacity"] = "2", ["Storage:WriteBatchSize"] = "1",

                // The in-memory path alone: with the spool on, the writer would move the queue to disk.
                ["Exposures:Spool:Enabled"] = "false",
            },
            services: services => services.DecorateStore(_ => new UnavailableStore()));
        using var client = await factory.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            var request = ApiClient.ExampleRequest();
            request["userId"] = "u-" + i;
            using var response = await client.PostScoreAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Two wait in the queue, at most one is held by the writer retrying its batch: at least two were dropped, and counted.
        var metrics = await client.GetStringAsync("/metrics");
        var dropped = metrics.Split('\n')
            .Where(l => l.StartsWith("mmoe_exposures_total{", StringComparison.Ordinal) && l.Contains("outcome=\"dropped\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(dropped, 2, 3);
        Assert.Equal(2, factory.Services.GetRequiredService<ExposureQueue>().Count);
    }
}
