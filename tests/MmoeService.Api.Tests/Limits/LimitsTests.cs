using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace MmoeService.Api.Tests.Limits;

/// <summary>Concurrency, per-client rate and per-request time limits: each rejection is problem details a client can act on.</summary>
[Trait("Kind", "Integration")]
public sealed class LimitsTests
{
    [Fact]
    public async Task Score_ConcurrencyLimitAndQueueFull_Is503ProblemWithRetryAfterWhileProbesStillAnswer()
    {
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?>
            {
                ["Limits:MaxConcurrentRequests"] = "1",
                ["Limits:QueueLimit"] = "0",
                ["Limits:RetryAfterSeconds"] = "3",
            },
            services: GatedRunner.Register);
        using var client = await factory.StartAsync();
        var gate = factory.Services.GetRequiredService<GatedRunner>();
        var first = client.PostScoreAsync(ApiClient.ExampleRequest());
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using (var second = await client.PostScoreAsync(ApiClient.ExampleRequest()))
        {
            var problem = await AssertProblemAsync(second, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("3", second.Headers.GetValues("Retry-After").Single());
            Assert.Contains("Limits:MaxConcurrentRequests", (string)problem["detail"]!, StringComparison.Ordinal);
        }

        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        gate.Release.SetResult();
        using (var done = await first)
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        Assert.Contains("mmoe_requests_rejected_total{reason=\"concurrency\"} 1", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_ClientOverItsRate_Is429ProblemWithRetryAfterAndOtherClientsPass()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?>
        {
            ["Limits:ClientRateLimit:Enabled"] = "true",
            ["Limits:ClientRateLimit:PartitionBy"] = "Header",
            ["Limits:ClientRateLimit:Header"] = "X-Client-Id",
            ["Limits:ClientRateLimit:Burst"] = "2",
            ["Limits:ClientRateLimit:PermitsPerPeriod"] = "1",
            ["Limits:ClientRateLimit:Period"] = "01:00:00",
        });
        using var client = await factory.StartAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "shop-a"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "shop-a"));
        using (var limited = await SendAsync(client, "shop-a"))
        {
            await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
            Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "shop-b"));
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.Contains("mmoe_requests_rejected_total{reason=\"client_rate\"} 1", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_RunLongerThanRequestTimeout_IsCancelledAndAnswers504Problem()
    {
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Scoring:RequestTimeout"] = "00:00:05" },
            services: StubRunners.Register<HangingRunner>);
        using var client = await factory.StartAsync();
        var runner = factory.Services.GetRequiredService<HangingRunner>();

        var call = client.PostScoreAsync(ApiClient.ExampleRequest());
        await runner.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        factory.Time.Advance(TimeSpan.FromSeconds(5));

        var problem = await AssertProblemAsync(await call, HttpStatusCode.GatewayTimeout);
        Assert.True(await runner.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)), "the run saw the cancellation");
        Assert.Contains("Scoring:RequestTimeout", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains(
            "mmoe_score_requests_total{model=\"mmoe\",version=\"1\",arm=\"mmoe\",status=\"504\"} 1",
            await client.GetStringAsync("/metrics"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnnxRun_TerminateFlagSet_StopsWithAnError()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();
        using var lease = factory.Registry.Acquire("mmoe");
        Assert.NotNull(lease);
        using var batch = lease.Snapshot.Vectoriser.Encode(null, [], 2, out _);
        Assert.NotNull(batch);
        using var options = new Microsoft.ML.OnnxRuntime.RunOptions { Terminate = true };

        Assert.Throws<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(() => { lease.Snapshot.Onnx.Run(batch, includeGates: false, options); });
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string clientId)
    {
        using var response = await SendAsync(client, clientId);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/score")
        {
            Content = new StringContent(ApiClient.ExampleRequest().ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Client-Id", clientId);
        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        return problem;
    }
}
