using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MmoeService.Api.Exposures;

namespace MmoeService.Api.Tests.Integration;

/// <summary>SIGTERM: not ready at once, requests in flight finish, the exposure queue is closed and flushed, then exit.</summary>
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
    public async Task Stop_RequestInFlight_FinishesBeforeTheHostStopsAndItsExposureIsKept()
    {
        await using var factory = new MmoeApiFactory(services: GatedRunner.Register);
        factory.UseKestrel(0);
        using var client = await factory.StartAsync();
        var gate = factory.Services.GetRequiredService<GatedRunner>();
        var queue = factory.Services.GetRequiredService<ExposureQueue>();
        var request = ApiClient.ExampleRequest();
        request["requestId"] = "in-flight-at-sigterm";

        var inFlight = client.PostScoreAsync(request);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stop = factory.Host!.StopAsync();

        Assert.False(stop.IsCompleted, "the host waits for the request in flight");
        gate.Release.SetResult();
        using (var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("in-flight-at-sigterm", (string)(await response.ReadObjectAsync())["requestId"]!);
        }

        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        var left = new List<ExposureEvent>();
        await foreach (var exposure in queue.Reader.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            left.Add(exposure);
        }

        Assert.Contains(left, e => e.RequestId == "in-flight-at-sigterm" && e.StatusCode == 200);
        Assert.False(queue.TryEnqueue(left[0]), "a closed queue takes nothing more");
    }
}
