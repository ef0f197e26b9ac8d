using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace MmoeService.Api.Tests.Observability;

[Trait("Kind", "Integration")]
public sealed class ObservabilityTests
{
    [Fact]
    public async Task RequestLog_OneEventPerScoreRequest_CarriesRoutingButNoRawUserIdOrFeatureValues()
    {
        var sink = new CollectingSink();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" },
            services: s => s.AddSingleton<ILogEventSink>(sink));
        using var client = await factory.StartAsync();
        var request = ApiClient.ExampleRequest();
        request["userId"] = "raw-user-1842";
        request["requestId"] = "req-log-1";

        (await client.PostScoreAsync(request)).Dispose();

        // The middleware writes its event after the response went out, so wait for it rather than race it.
        var logged = await sink.RequestCompleted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(sink.Events, e => e.Properties.ContainsKey("RequestPath"));
        foreach (var property in new[] { "RequestId", "Model", "ModelVersion", "Arm", "CandidateCount", "Elapsed", "UserIdHash", "StatusCode" })
        {
            Assert.True(logged.Properties.ContainsKey(property), $"request event has {property}");
        }

        Assert.Equal("\"req-log-1\"", logged.Properties["RequestId"].ToString());
        Assert.Equal("1", logged.Properties["ModelVersion"].ToString());
        Assert.Equal("3", logged.Properties["CandidateCount"].ToString());
        var everything = string.Join("\n", sink.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + string.Join(",", e.Properties.Values.Select(v => v.ToString(null, CultureInfo.InvariantCulture)))));
        Assert.DoesNotContain("raw-user-1842", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("0.4308", everything, StringComparison.Ordinal); // a feature value of the example
    }

    [Fact]
    public async Task Metrics_AfterAScore_ExportRequestsDurationsCandidatesLoadsAndProvider()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();
        (await client.PostScoreAsync(ApiClient.ExampleRequest())).Dispose();
        (await client.PostRawAsync("not json")).Dispose();

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("mmoe_score_requests_total{model=\"mmoe\",version=\"1\",arm=\"mmoe\",status=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_score_requests_total{model=\"none\",version=\"none\",arm=\"none\",status=\"400\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_score_request_duration_seconds_count{model=\"mmoe\",version=\"1\",arm=\"mmoe\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_inference_duration_seconds_count{model=\"mmoe\",version=\"1\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_score_candidates_sum{model=\"mmoe\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_model_loads_total{model=\"shared-bottom\",outcome=\"success\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_model_served_version{model=\"mmoe\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mmoe_execution_provider{provider=\"CPU\"} 1", text, StringComparison.Ordinal);
    }
}
