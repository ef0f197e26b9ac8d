using Microsoft.Extensions.DependencyInjection;

namespace MmoeService.Api.Tests.Scorecards;

/// <summary>
/// The whole path on the real SQLite store: /score (router, exposure queue, writer) and /feedback in, the scorecard
/// out, with the numbers the seeded traffic implies.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class ScorecardFlowTests
{
    private const string Experiment = "mmoe-vs-shared-bottom";

    [Fact]
    public async Task Scorecard_SeededTrafficThroughScoreAndFeedback_ShowsEachArmsCounts()
    {
        ExposureCounter? counter = null;
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Experiments:Active"] = Experiment },
            services: services => services.DecorateStore(store => counter = new ExposureCounter(store)));
        var client = await factory.StartAsync();
        _ = factory.Services.GetRequiredService<ExperimentPlatform.IExperimentStore>(); // the exposure writer's store: the counter
        var traffic = new SeededTraffic();

        await traffic.PlayAsync(client, factory.Time, counter!, users: 60, repeatUsers: 20);
        var card = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");

        Assert.Equal(["shared-bottom", "mmoe"], card["arms"]!.AsArray().Select(a => (string?)a!["arm"]));
        Assert.Equal(80, traffic.Requests);
        foreach (var arm in card["arms"]!.AsArray())
        {
            var seeded = traffic.Arms[(string)arm!["arm"]!];
            Assert.Equal(seeded.Requests, (long)arm["requests"]!);
            Assert.Equal(seeded.Users.Count, (long)arm["enrolledUnits"]!);
            Assert.Equal(seeded.Impressions, (long)arm["impressions"]!);
            Assert.Equal(["ctr", "satisfaction"], arm["tasks"]!.AsArray().Select(t => (string?)t!["task"]));
            var ctr = arm["tasks"]![0]!["rate"]!;
            Assert.Equal(seeded.Clicks, (long)ctr["positives"]!);
            Assert.Equal(seeded.Impressions, (long)ctr["labeled"]!);
            Assert.Equal(seeded.Satisfied, (long)arm["tasks"]![1]!["rate"]!["positives"]!);
            Assert.Equal((double)seeded.Clicks / seeded.Impressions, (double)ctr["value"]!, 12);
            Assert.Equal(seeded.CtrStandardError(), (double)ctr["standardError"]!, 12);
            Assert.Equal(0.0, (double)arm["errorRate"]!);
            Assert.Equal(seeded.Requests, arm["traffic"]!.AsArray().Sum(b => (long)b!["requests"]!));
        }

        // 50/50 weights: χ² = Σ (units - total/2)² / (total/2).
        var units = traffic.Arms.Values.Select(a => (double)a.Users.Count).ToArray();
        var expected = units.Sum() / 2;
        Assert.Equal(units.Sum(u => (u - expected) * (u - expected) / expected), (double)card["sampleRatio"]!["chiSquare"]!, 12);

        var gates = Assert.Single(card["gates"]!.AsArray())!;
        Assert.Equal("mmoe", (string?)gates["arm"]);
        Assert.Equal(4, gates["tasks"]![0]!["meanWeights"]!.AsArray().Count);
        Assert.NotNull(gates["tasks"]![0]!["totalVariation"]);
    }
}
