using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Serilog.Core;

namespace MmoeService.Api.Tests.Observability;

/// <summary>Traces through the in-memory exporter: a caller's W3C trace is continued, and /score shows its stages.</summary>
[Trait("Kind", "Integration")]
public sealed class TracingTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpanId = "00f067aa0ba902b7";

    [Fact]
    public async Task Score_WithTraceparent_ContinuesTheTraceWithOneSpanPerStage()
    {
        var spans = new List<Activity>();
        using var served = new ServerSpanEnded(TraceId);
        await using var factory = new MmoeApiFactory(services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new OwnTrace(TraceId, new SimpleActivityExportProcessor(new InMemoryExporter<Activity>(spans)))).AddProcessor(served)));
        using var client = await factory.StartAsync();

        using var request = Traced(ApiClient.ExampleRequest());
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = await served.Ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TraceId, server.TraceId.ToHexString());
        Assert.Equal(CallerSpanId, server.ParentSpanId.ToHexString());
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        Activity[] stages = [.. spans.Where(s => s.Source.Name == "MmoeService" && s.ParentSpanId == server.SpanId).OrderBy(s => s.StartTimeUtc)];

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

    /// <summary>
    /// Completes when the server span of the given trace ends (it ends after the answer went out). Every host in the
    /// test process listens to the same activity sources, so spans of other tests' requests pass by too.
    /// </summary>
    private sealed class ServerSpanEnded(string traceId) : BaseProcessor<Activity>
    {
        public TaskCompletionSource<Activity> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void OnEnd(Activity data)
        {
            if (data.Kind == ActivityKind.Server && data.TraceId.ToHexString() == traceId)
            {
                Ended.TrySetResult(data);
            }
        }
    }

    /// <summary>Passes on only the spans of one trace, so the exported list holds this test's spans alone.</summary>
    private sealed class OwnTrace(string traceId, BaseProcessor<Activity> inner) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.TraceId.ToHexString() == traceId)
            {
                inner.OnEnd(data);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
