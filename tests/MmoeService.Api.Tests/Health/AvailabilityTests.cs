using System.Net;

namespace MmoeService.Api.Tests.Health;

/// <summary>Health probes and the answer while no model version is loaded.</summary>
[Trait("Kind", "Integration")]
public sealed class AvailabilityTests
{
    [Fact]
    public async Task Score_NoModelLoaded_Is503WithRetryAfter()
    {
        using var repository = TempRepository.Empty();
        await using var factory = new MmoeApiFactory(repository.Root);
        using var client = await factory.StartAsync();

        using var response = await client.PostScoreAsync(ApiClient.ExampleRequest());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.False(string.IsNullOrEmpty((string?)(await response.ReadObjectAsync())["traceId"]));
    }

    [Fact]
    public async Task Health_NoModelLoaded_IsLiveAndStartedButNotReady()
    {
        using var repository = TempRepository.Empty();
        await using var factory = new MmoeApiFactory(repository.Root);
        using var client = await factory.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/startup")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        var mmoe = (await client.GetFromJsonNodeAsync("/models")).AsArray().Single(m => (string)m!["name"]! == "mmoe")!;
        Assert.Equal("Unavailable", (string)mmoe["status"]!);
        Assert.Contains("No version folder", (string)mmoe["lastLoadError"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_OneConfiguredModelMissing_IsNotReady()
    {
        using var repository = TempRepository.CopyOfCommitted();
        Directory.Delete(Path.Combine(repository.Root, "shared-bottom"), recursive: true);
        await using var factory = new MmoeApiFactory(repository.Root);
        using var client = await factory.StartAsync();

        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("shared-bottom", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_EveryConfiguredModelLoaded_IsReady()
    {
        await using var factory = new MmoeApiFactory();
        using var client = await factory.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Health_DisabledModel_IsNotRequiredForReadiness()
    {
        using var repository = TempRepository.CopyOfCommitted();
        Directory.Delete(Path.Combine(repository.Root, "shared-bottom"), recursive: true);
        await using var factory = new MmoeApiFactory(repository.Root, new Dictionary<string, string?> { ["Models:Served:shared-bottom:Enabled"] = "false" });
        using var client = await factory.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
