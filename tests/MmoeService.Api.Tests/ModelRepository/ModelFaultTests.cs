using System.Net;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.ModelRepository;

/// <summary>
/// The served version's own files damaged at runtime (deleted, corrupted in place): the loaded version keeps serving
/// from memory and the service says so in readiness and a metric. Broken new versions are in ModelLifecycleTests.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class ModelFaultTests : IDisposable
{
    private readonly TempRepository _repository = TempRepository.CopyOfCommitted();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task ServedVersionFolderDeleted_KeepsServingAndReadinessSaysDegraded()
    {
        await using var factory = new MmoeApiFactory(_repository.Root, new Dictionary<string, string?> { ["Models:PollInterval"] = "00:00:30" });
        using var client = await factory.StartAsync();

        Directory.Delete(Path.Combine(_repository.Root, "mmoe", "1"), recursive: true);
        var polled = WaitForReload(factory, "mmoe");
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        await polled;

        await AssertServesVersionOneAsync(client);
        using (var reload = await client.ReloadAsync("mmoe"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reload.StatusCode);
        }

        await AssertServesVersionOneAsync(client);
        await AssertDegradedAsync(client);
    }

    [Fact]
    public async Task ServedOnnxCorruptedInPlace_ReloadIsRefusedAndTheLoadedVersionKeepsServing()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        TempRepository.CorruptOnnx(new System.Text.Json.Nodes.JsonObject(), Path.Combine(_repository.Root, "mmoe", "1"));
        File.SetLastWriteTimeUtc(Path.Combine(_repository.Root, "mmoe", "1", ModelFiles.Onnx), DateTime.UtcNow.AddMinutes(1));

        using (var reload = await client.ReloadAsync("mmoe"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reload.StatusCode);
            Assert.Contains("SHA-256", (string)(await reload.ReadObjectAsync())["detail"]!, StringComparison.Ordinal);
        }

        await AssertServesVersionOneAsync(client);
        await AssertDegradedAsync(client);
    }

    private static async Task AssertServesVersionOneAsync(HttpClient client)
    {
        using var score = await client.PostScoreAsync(ApiClient.ExampleRequest());
        Assert.Equal(HttpStatusCode.OK, score.StatusCode);
        Assert.Equal(1, (int)(await score.ReadObjectAsync())["model"]!["version"]!);
    }

    private static async Task AssertDegradedAsync(HttpClient client)
    {
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.ReadObjectAsync();
        Assert.Equal("Degraded", (string)body["status"]!);
        Assert.Contains("degraded", (string)body["checks"]!["models"]!["data"]!["mmoe"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("degraded", (string)body["checks"]!["models"]!["data"]!["shared-bottom"]!, StringComparison.Ordinal);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("mmoe_degraded{mode=\"model_files:mmoe\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("mmoe_degraded{mode=\"model_files:shared-bottom\"} 0", metrics, StringComparison.Ordinal);
    }

    private static Task WaitForReload(MmoeApiFactory factory, string model)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Registry.ReloadCompleted += (_, result) =>
        {
            if (result.Model == model)
            {
                done.TrySetResult();
            }
        };
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
