using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace MmoeService.Api.Tests.Scoring;

[Trait("Kind", "Integration")]
public sealed class CancellationTests
{
    [Fact]
    public async Task Score_ClientHangsUpDuringInference_IsRecordedAs499NotAsAnError()
    {
        var sink = new CollectingSink();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" },
            services: s =>
            {
                GatedRunner.Register(s);
                s.AddSingleton<ILogEventSink>(sink);
            });
        using var client = await factory.StartAsync();
        var gate = factory.Services.GetRequiredService<GatedRunner>();
        using var hangUp = new CancellationTokenSource();
        using var body = new StringContent(ApiClient.ExampleRequest().ToJsonString(), Encoding.UTF8, "application/json");

        var call = client.PostAsync("/score", body, hangUp.Token);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await hangUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var logged = await sink.RequestCompleted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("499", logged.Properties["StatusCode"].ToString());
        Assert.Contains(
            "mmoe_score_requests_total{model=\"mmoe\",version=\"1\",arm=\"mmoe\",status=\"499\"} 1",
            await client.GetStringAsync("/metrics"),
            StringComparison.Ordinal);
    }
}
