using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Serilog.Core;

namespace MmoeService.Api.Tests.Integration;

/// <summary>Traces through the in-memory exporter: a caller's W3C trace is continued, and /score shows its stages.</summary>
public sealed class TracingTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpanId = "00f067aa0ba902b7";

    [Fact]
    public async Task Score_WithTraceparent_ContinuesTheTraceWithOneSpanPerStage()
    {
        var spans = new List<Activity>();
        using var served = new ServerSpanEnded("/score");
        await using var factory = new MmoeApiFactory(services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans).AddProcessor(served)));
        using var client = await factory.StartAsync();

        using var request = Traced(ApiClient.ExampleRequest());
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = await served.Ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TraceId, server.TraceId.ToHexString());
        Assert.Equal(CallerSpanId, server.ParentSpanId.ToHexString());
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        Activity[] stages;
        lock (spans)
        {
            stages = [.. spans.Where(s => s.Source.Name == "MmoeService" && s.ParentSpanId == server.SpanId).OrderBy(s => s.StartTimeUtc)];
        }

        Assert.Equal(["parse", "route", "encode", "infer", "rank", "record"], stages.Select(s => s.DisplayName));
        Assert.All(stages, s => Assert.Equal(TraceId, s.TraceId.ToHexString()));
        Assert.All(stages.Zip(stages.Skip(1)), pair => Assert.True(pair.First.StartTimeUtc + pair.First.Duration <= pair.Second.StartTimeUtc, $"{pair.First.DisplayName} ends before {pair.Second.DisplayName} starts"));
    }

    [Fact]
    public async Task ProblemDetailsAndRequestLog_CarryTheW3CTraceId()
    {
        var sink = new CollectingSink();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" },
            services: s => s.AddSingleton<ILogEventSink>(sink));
        using var client = await factory.StartAsync();
        var body = ApiClient.ExampleRequest();
        body["candidates"] = new JsonArray();

        using var request = Traced(body);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(TraceId, (string?)problem["traceId"]);
        var logged = await sink.RequestCompleted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TraceId, logged.TraceId?.ToHexString());
    }

    private static HttpRequestMessage Traced(JsonNode body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/score") { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{TraceId}-{CallerSpanId}-01");
        return request;
    }

    /// <summary>Completes when the server span of a request to the path ends: it ends after the answer went out.</summary>
    private sealed class ServerSpanEnded(string path) : BaseProcessor<Activity>
    {
        public TaskCompletionSource<Activity> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void OnEnd(Activity data)
        {
            if (data.Kind == ActivityKind.Server && Equals(data.GetTagItem("url.path"), path))
            {
                Ended.TrySetResult(data);
            }
        }
    }
}
