using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.ExperimentPlatform.Exposures;
using Serilog.Core;

namespace MmoeService.Api.Tests;

/// <summary>The admin surface and what the service writes down: keys, raw user ids and feature values never appear.</summary>
[Trait("Kind", "Integration")]
public sealed class SecurityTests
{
    [Fact]
    public async Task Start_AdminEnabledWithoutKey_FailsNamingTheKey()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?>
        {
            ["Models:AdminEnabled"] = "true",
            ["Models:AdminApiKey"] = "",
        });

        Assert.NotNull(await Record.ExceptionAsync(factory.StartAsync));

        Assert.Contains(factory.Logs.GetSnapshot(), e => e.Exception?.ToString().Contains("Models:AdminApiKey must be set", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Reload_AdminDisabledDespiteAKey_Is403()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Models:AdminEnabled"] = "false" });
        using var client = await factory.StartAsync();

        using var response = await client.ReloadAsync("mmoe");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Logs_AdminCallsWithRightAndWrongKeys_NeverContainAKey()
    {
        const string wrongKey = "wrong-key-ABCDEFGHIJKLMNOP";
        var sink = new CollectingSink();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Verbose" },
            services: s => s.AddSingleton<ILogEventSink>(sink));
        using var client = await factory.StartAsync();

        using (var ok = await client.ReloadAsync("mmoe"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var wrong = await client.ReloadAsync("mmoe", wrongKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var unknown = await client.ReloadAsync("nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var everything = Everything(factory, sink);
        Assert.DoesNotContain(MmoeApiFactory.AdminKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, everything, StringComparison.Ordinal);
        Assert.Contains("/admin/models/mmoe/reload", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsAndExposures_ScoredAndRejectedRequests_CarryOnlyTheHashedUserIdAndNoFeatureValues()
    {
        const string userId = "person-7fe1@example.org";
        var sink = new CollectingSink();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Verbose" },
            services: s =>
            {
                s.AddSingleton<ILogEventSink>(sink);
                StoreDecoration.WithoutExposureWriter(s);
            });
        using var client = await factory.StartAsync();
        var valid = ApiClient.ExampleRequest();
        valid["userId"] = userId;
        valid["context"]!["age"] = 47.123;
        var unknownFeature = valid.DeepClone().AsObject();
        unknownFeature["context"]!["secret-ish"] = "paris-apartment-12";
        var wrongType = valid.DeepClone().AsObject();
        wrongType["candidates"]![0]!["features"]!["duration"] = "ninety-one-minutes";
        var tooLarge = valid.DeepClone().AsObject();
        tooLarge["candidates"]![0]!["features"]!["duration"] = JsonValue.Create(9.87654e307);

        foreach (var (request, status) in new[] { (valid, 200), (unknownFeature, 400), (wrongType, 400), (tooLarge, 400) })
        {
            using var response = await client.PostScoreAsync(request);
            Assert.Equal(status, (int)response.StatusCode);
        }

        var everything = Everything(factory, sink);
        foreach (var secret in new[] { userId, "47.123", "paris-apartment-12", "ninety-one-minutes", "9.87654", "0.4308" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        var queue = factory.Services.GetRequiredService<ExposureQueue>();
        Assert.True(queue.Reader.TryRead(out var exposure));
        Assert.NotEqual(userId, exposure.UnitHash);
        Assert.DoesNotContain(userId, System.Text.Json.JsonSerializer.Serialize(exposure), StringComparison.Ordinal);
    }

    /// <summary>Every captured event of both pipelines (Serilog sink and Microsoft.Extensions.Logging), rendered with all properties.</summary>
    private static string Everything(MmoeApiFactory factory, CollectingSink sink) => string.Join(
        "\n",
        sink.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + " " + string.Join(",", e.Properties.Select(p => p.Key + "=" + p.Value.ToString(null, CultureInfo.InvariantCulture))) + " " + e.Exception)
            .Concat(factory.Logs.GetSnapshot().Select(e => e.Message + " " + e.Exception)));
}
