using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;

namespace MmoeService.Api.Tests.Shutdown;

/// <summary>SIGTERM: not ready at once, requests in flight finish, the exposure queue is closed and flushed, then exit.</summary>
[Trait("Kind", "Integration")]
public sealed class ShutdownTests
{
    [Fact]
    public async Task Readiness_AfterTheStopSignal_Is503DrainingWhileRequestsAreStillServed()
    {
        // The unready delay runs on the fake clock, so the host keeps serving until the test advances it.
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Shutdown:UnreadyDelay"] = "00:00:10" });
        using var client = await factory.StartAsync();
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var body = await ready.ReadObjectAsync();
            Assert.Equal("draining", (string)body["checks"]!["shutdown"]!["description"]!);
        }

        using (var score = await client.PostScoreAsync(ApiClient.ExampleRequest()))
        {
            Assert.Equal(HttpStatusCode.OK, score.StatusCode);
        }

        Assert.Contains("mmoe_degraded{mode=\"draining\"} 1", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        factory.Time.Advance(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stop_UnderLoad_InFlightRequestsFinishAndEveryAcceptedFeedbackAndExposureIsStored()
    {
        var feedbackGate = new GatedFeedbackStore();
        await using var factory = new MmoeApiFactory(services: s =>
        {
            GatedRunner.Register(s);
            s.DecorateStore(feedbackGate.Wrap);
        });
        factory.UseKestrel(0);
        using var client = await factory.StartAsync();
        var gate = factory.Services.GetRequiredService<GatedRunner>();
        var request = ApiClient.ExampleRequest();
        request["requestId"] = "in-flight-at-sigterm";

        // One score held inside inference and one feedback batch held inside its store write when the stop comes,
        // a burst of both around it; scores queue exposures the writer must flush.
        var inFlight = client.PostScoreAsync(request);
        var feedback = new List<Task<(string Id, HttpStatusCode? Status)>> { SendFeedbackAsync(client, "fb-in-flight") };
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await feedbackGate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var scores = Enumerable.Range(0, 20).Select(i => SendScoreAsync(client, $"score-{i}")).ToList();
        feedback.AddRange(Enumerable.Range(0, 40).Select(i => SendFeedbackAsync(client, $"fb-{i}")));
        var stop = factory.Host!.StopAsync();
        feedback.AddRange(Enumerable.Range(40, 20).Select(i => SendFeedbackAsync(client, $"fb-{i}")));

        Assert.False(stop.IsCompleted, "the host waits for the requests in flight");
        gate.Release.SetResult();
        feedbackGate.Release();
        using (var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("in-flight-at-sigterm", (string)(await response.ReadObjectAsync())["requestId"]!);
        }

        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        var scored = (await Task.WhenAll(scores)).Where(r => r.Status == HttpStatusCode.OK).Select(r => r.Id).Append("in-flight-at-sigterm").ToArray();
        var accepted = (await Task.WhenAll(feedback)).Where(r => r.Status == HttpStatusCode.Accepted).Select(r => r.Id).ToArray();
        Assert.Contains("fb-in-flight", accepted);

        // Read back with a store of the test's own: the host and its store are gone.
        var store = StoreDatabase.Sqlite(factory.DataDirectory);
        foreach (var id in scored)
        {
            Assert.True(await store.FindExposureAsync(id) is not null, $"exposure {id} stored");
        }

        // No feedback refers to a stored exposure, so each accepted event is counted exactly once as orphaned.
        Assert.Equal(accepted.Length, await store.CountOrphanedFeedbackAsync());
    }

    private static async Task<(string Id, HttpStatusCode? Status)> SendScoreAsync(HttpClient client, string requestId)
    {
        var request = ApiClient.ExampleRequest();
        request["requestId"] = requestId;
        try
        {
            using var response = await client.PostScoreAsync(request);
            return (requestId, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            return (requestId, null); // refused after the listener closed: never accepted
        }
    }

    private static async Task<(string Id, HttpStatusCode? Status)> SendFeedbackAsync(HttpClient client, string requestId)
    {
        var body = new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject
            {
                ["requestId"] = requestId, ["itemId"] = "item-0", ["clicked"] = true, ["satisfied"] = false, ["time"] = "2026-01-01T00:00:00Z",
            }),
        };
        try
        {
            using var response = await client.PostFeedbackAsync(body);
            return (requestId, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            return (requestId, null);
        }
    }
}
