using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.ExperimentPlatform.Assignment;

namespace MmoeService.Api.Tests.Assignment;

/// <summary>Experiment configuration reloads on a running host, through the real configuration system.</summary>
[Trait("Kind", "Integration")]
public sealed class ExperimentReloadTests
{
    private const string Weight = "Experiments:Experiments:mmoe-vs-shared-bottom:Arms:mmoe:Weight";

    [Fact]
    public async Task Reload_InvalidWeights_AreRefusedAndRoutingContinues()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Experiments:Active"] = "mmoe-vs-shared-bottom" });
        using var client = await factory.StartAsync();
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        var before = factory.Services.GetRequiredService<ExperimentConfiguration>().Current;

        configuration[Weight] = "70";      // 70 + 50: no longer sums to 100
        configuration.Reload();

        Assert.Same(before, factory.Services.GetRequiredService<ExperimentConfiguration>().Current);
        var request = ApiClient.ExampleRequest();
        request["userId"] = "u-1842";
        using var response = await client.PostScoreAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mmoe", (string?)(await response.ReadObjectAsync())["arm"]);
        Assert.Contains(factory.Logs.GetSnapshot(), e => e.Message.Contains("weights sum to 120", StringComparison.Ordinal));
        Assert.Contains("mmoe_experiment_config_changes_total{outcome=\"rejected\"} 1", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_ValidChange_TakesEffectWithoutRestart()
    {
        await using var factory = new MmoeApiFactory(settings: new Dictionary<string, string?> { ["Experiments:Active"] = "mmoe-vs-shared-bottom" });
        using var client = await factory.StartAsync();
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();

        configuration["Experiments:Experiments:mmoe-vs-shared-bottom:Status"] = "Stopped";
        configuration.Reload();

        var request = ApiClient.ExampleRequest();
        request["userId"] = "u-1842";
        using var response = await client.PostScoreAsync(request);
        var answer = await response.ReadObjectAsync();
        Assert.Equal(("shared-bottom", false, "ExperimentStopped"), ((string?)answer["arm"], (bool)answer["enrolled"]!, (string?)answer["assignmentReason"]));
    }
}
