using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;

namespace MmoeService.Api.Tests.Feedback;

/// <summary><c>POST /feedback</c> against the real SQLite store of a test host.</summary>
[Trait("Kind", "Integration")]
public sealed class FeedbackTests
{
    [Fact]
    public async Task Feedback_ValidBatch_IsAcceptedAndStored()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();
        var store = factory.Services.GetRequiredService<IExperimentStore>();
        await store.WriteExposuresAsync([ExperimentStoreContract.Exposure("r1", "ab", "mmoe", "A", factory.Time.GetUtcNow(), ExperimentStoreContract.Item("i1", 1, 0.2f, 0.1f))], default);

        using var response = await client.PostFeedbackAsync(Batch(Event("r1", "i1", clicked: true, satisfied: true)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.ReadObjectAsync();
        Assert.Equal((1, 0), ((int)receipt["accepted"]!, (int)receipt["orphaned"]!));
        var arm = Assert.Single(await store.ReadArmObservationsAsync("ab", default));
        var ctr = ExperimentStoreContract.Task(arm, "ctr").Outcomes;
        Assert.Equal(new TaskOutcomes(1, 1, 0.2f, 1), ctr with { SumPredicted = (float)ctr.SumPredicted });
    }

    [Fact]
    public async Task Feedback_BadEvents_AreNamedByIndexAndNothingIsWritten()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();

        using var response = await client.PostFeedbackAsync(Batch(
            Event("r1", "i1", clicked: true),
            new JsonObject { ["itemId"] = "i2", ["clicked"] = false },
            Event("r3", "", clicked: true),
            new JsonObject { ["requestId"] = "r4", ["itemId"] = "i4" },
            Event("r5", "i5", clicked: false, satisfied: true)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal(["events[1].requestId", "events[2].itemId", "events[3].clicked", "events[4].satisfied"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await StoreDatabase.Sqlite(factory.DataDirectory).CountOrphanedFeedbackAsync());
    }

    [Fact]
    public async Task Feedback_WrongJsonType_NamesThePath()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();

        using var response = await client.PostRawAsync("""{ "events": [ { "requestId": "r1", "itemId": "i1", "clicked": "yes" } ] }""", path: "/feedback");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("events[0].clicked", (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Feedback_MoreEventsThanTheLimit_IsRefused()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Feedback:MaxEvents"] = "3" });
        using var client = await factory.StartAsync();

        using var response = await client.PostFeedbackAsync(Batch(Enumerable.Range(0, 4).Select(i => Event("r" + i, "i", clicked: false)).ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Feedback:MaxEvents", (await response.ReadObjectAsync())["errors"]!["events"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_BodyOverTheByteLimit_Is413()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Feedback:MaxRequestBodyBytes"] = "1024" });
        using var client = await factory.StartAsync();

        using var response = await client.PostFeedbackAsync(Batch(Enumerable.Range(0, 40).Select(i => Event("request-" + i, "item", clicked: false)).ToArray()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Feedback_UnknownExposure_IsKeptAndCountedAsOrphaned()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();

        using var response = await client.PostFeedbackAsync(Batch(Event("never-scored", "i1", clicked: true), Event("never-scored", "i2", clicked: false)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (int)(await response.ReadObjectAsync())["orphaned"]!);
        Assert.Equal(2, await StoreDatabase.Sqlite(factory.DataDirectory).CountOrphanedFeedbackAsync());
        Assert.Contains("mmoe_feedback_orphaned_total 2", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_Accepted_OnlyAfterTheStoreCommitted()
    {
        var gate = new GatedFeedbackStore();
        await using var factory = new MmoeApiFactory(services: services => services.DecorateStore(gate.Wrap));
        using var client = await factory.StartAsync();

        var posting = client.PostFeedbackAsync(Batch(Event("r1", "i1", clicked: true)));
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        // The handler is inside the store write: the answer cannot have been sent yet.
        Assert.False(posting.IsCompleted);
        gate.Release();
        using var response = await posting;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await StoreDatabase.Sqlite(factory.DataDirectory).CountOrphanedFeedbackAsync());
    }

    [Fact]
    public async Task Feedback_StoreDown_Is503WithRetryAfter()
    {
        await using var factory = new MmoeApiFactory(services: services => services.DecorateStore(_ => new UnavailableStore()));
        using var client = await factory.StartAsync();

        using var response = await client.PostFeedbackAsync(Batch(Event("r1", "i1", clicked: true)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static JsonObject Batch(params JsonObject[] events) => new() { ["events"] = new JsonArray(events) };

    private static JsonObject Event(string requestId, string itemId, bool clicked, bool satisfied = false) => new()
    {
        ["requestId"] = requestId, ["itemId"] = itemId, ["clicked"] = clicked, ["satisfied"] = satisfied, ["time"] = "2026-01-01T00:00:00Z",
    };
}
