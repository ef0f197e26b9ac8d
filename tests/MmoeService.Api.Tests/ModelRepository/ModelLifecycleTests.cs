using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.ModelRepository;

/// <summary>New versions, broken versions, pinned versions and polling, each on a private copy of the repository.</summary>
[Trait("Kind", "Integration")]
public sealed class ModelLifecycleTests : IDisposable
{
    private readonly TempRepository _repository = TempRepository.CopyOfCommitted();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Reload_NewVersionUnderConcurrentRequests_NoRequestFails()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        var v1 = Served(factory, "mmoe");
        var failures = new ConcurrentQueue<string>();
        var versions = new ConcurrentQueue<int>();
        using var everyWorkerRunning = new CountdownEvent(4);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task WorkerAsync()
        {
            var signalled = false;
            var afterReload = 0;

            // Bounded: each worker stops a few answers after the reload finished.
            for (var i = 0; i < 2000 && afterReload < 5; i++)
            {
                using var response = await client.PostScoreAsync(ApiClient.ExampleRequest().WithCandidates(20));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    versions.Enqueue((int)(await response.ReadObjectAsync())["model"]!["version"]!);
                }

                if (!signalled)
                {
                    everyWorkerRunning.Signal();
                    signalled = true;
                }

                if (reloaded.Task.IsCompleted)
                {
                    afterReload++;
                }
            }
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(WorkerAsync)).ToArray();
        await Task.Run(() => everyWorkerRunning.Wait(TimeSpan.FromSeconds(30)));
        _repository.AddVersion("mmoe", 1, 2);
        using (var reload = await client.ReloadAsync("mmoe"))
        {
            Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
            Assert.Equal("Loaded", (string)(await reload.ReadObjectAsync())["outcome"]!);
        }

        reloaded.SetResult();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(failures);
        Assert.Contains(1, versions);
        Assert.Contains(2, versions);
        Assert.Equal(2, Served(factory, "mmoe").Version);
        // The replaced session is disposed once no request holds it: fully released, so no lease can be taken.
        Assert.Null(v1.Lease());
    }

    [Fact]
    public async Task Reload_RequestInFlight_FinishesOnTheOldVersion()
    {
        await using var factory = new MmoeApiFactory(_repository.Root, services: GatedRunner.Register);
        using var client = await factory.StartAsync();
        var gate = factory.Services.GetRequiredService<GatedRunner>();
        var v1 = Served(factory, "mmoe");

        var inFlight = client.PostScoreAsync(ApiClient.ExampleRequest());
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _repository.AddVersion("mmoe", 1, 2);
        (await client.ReloadAsync("mmoe")).Dispose();

        // A leased version survives the swap.
        using (var alive = v1.Lease())
        {
            Assert.NotNull(alive);
        }
        using (var after = await client.PostScoreAsync(ApiClient.ExampleRequest()))
        {
            Assert.Equal(2, (int)(await after.ReadObjectAsync())["model"]!["version"]!);
        }

        gate.Release.SetResult();
        using var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadObjectAsync())["model"]!["version"]!);
        Assert.Null(v1.Lease());
    }

    public static TheoryData<string> Corruptions() => ["checksum", "unloadable", "shape"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task Reload_BrokenVersion_IsNotServedAndTheOldOneKeepsServing(string corruption)
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        _repository.AddVersion("mmoe", 1, 2, corruption switch
        {
            "checksum" => TempRepository.CorruptOnnx,
            "unloadable" => TempRepository.UnloadableOnnx,
            _ => (manifest, _) => manifest["inputs"]![0]!["shape"] = new JsonArray(-1, 99),
        });

        using var reload = await client.ReloadAsync("mmoe");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reload.StatusCode);
        var problem = await reload.ReadObjectAsync();
        Assert.Equal(1, (int)problem["servedVersion"]!);
        Assert.Equal(2, (int)problem["attemptedVersion"]!);

        using (var score = await client.PostScoreAsync(ApiClient.ExampleRequest()))
        {
            Assert.Equal(HttpStatusCode.OK, score.StatusCode);
            Assert.Equal(1, (int)(await score.ReadObjectAsync())["model"]!["version"]!);
        }

        var mmoe = (await client.GetFromJsonNodeAsync("/models")).AsArray().Single(m => (string)m!["name"]! == "mmoe")!;
        Assert.Equal("Serving", (string)mmoe["status"]!);
        Assert.Equal(1, (int)mmoe["servedVersion"]!);
        Assert.Equal(2, (int)mmoe["lastLoadError"]!["version"]!);
        Assert.False(string.IsNullOrEmpty((string?)mmoe["lastLoadError"]!["message"]));

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("mmoe_model_loads_total{model=\"mmoe\",outcome=\"failure\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains(factory.Logs.GetSnapshot(), e => e.Id.Id == 1011);
    }

    [Fact]
    public async Task Polling_NewVersion_IsServedAfterTheNextTick()
    {
        await using var factory = new MmoeApiFactory(_repository.Root, new Dictionary<string, string?> { ["Models:PollInterval"] = "00:00:30" });
        using var client = await factory.StartAsync();
        var loaded = new TaskCompletionSource<ModelReloadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Registry.ReloadCompleted += (_, result) =>
        {
            if (result.Outcome == ReloadOutcome.Loaded)
            {
                loaded.TrySetResult(result);
            }
        };
        _repository.AddVersion("mmoe", 1, 2);

        factory.Time.Advance(TimeSpan.FromSeconds(30));
        var result = await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(("mmoe", 2), (result.Model, result.ServedVersion));
        using var score = await client.PostScoreAsync(ApiClient.ExampleRequest());
        Assert.Equal(2, (int)(await score.ReadObjectAsync())["model"]!["version"]!);
    }

    [Fact]
    public async Task Polling_FailedVersion_IsNotRetriedUntilItsFilesChange()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();
        _repository.AddVersion("mmoe", 1, 2, TempRepository.CorruptOnnx);

        var first = await factory.Registry.ReloadAsync("mmoe", force: false, CancellationToken.None);
        var second = await factory.Registry.ReloadAsync("mmoe", force: false, CancellationToken.None);

        Assert.Equal(ReloadOutcome.Failed, first.Outcome);
        Assert.Equal(ReloadOutcome.Unchanged, second.Outcome);
    }

    [Fact]
    public async Task VersionPolicy_Pinned_ServesThePinnedVersionOverANewerOne()
    {
        _repository.AddVersion("mmoe", 1, 2);
        await using var factory = new MmoeApiFactory(_repository.Root, new Dictionary<string, string?> { ["Models:Served:mmoe:Version"] = "1" });
        using var client = await factory.StartAsync();

        using var score = await client.PostScoreAsync(ApiClient.ExampleRequest());

        Assert.Equal(1, (int)(await score.ReadObjectAsync())["model"]!["version"]!);
    }

    [Fact]
    public async Task VersionPolicy_Latest_ServesTheHighestVersionAtStart()
    {
        _repository.AddVersion("mmoe", 1, 7);
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();

        Assert.Equal(7, Served(factory, "mmoe").Version);
    }

    [Fact]
    public async Task Reload_WithoutAdminKey_Is401()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();

        using var missing = await client.ReloadAsync("mmoe", key: null);
        using var wrong = await client.ReloadAsync("mmoe", key: "wrong-key-wrong-key-wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Reload_UnknownModel_Is404()
    {
        await using var factory = new MmoeApiFactory(_repository.Root);
        using var client = await factory.StartAsync();

        using var response = await client.ReloadAsync("nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Reload_NoAdminKeyConfigured_Is403()
    {
        await using var factory = new MmoeApiFactory(_repository.Root, new Dictionary<string, string?> { ["Models:AdminApiKey"] = "" });
        using var client = await factory.StartAsync();

        using var response = await client.ReloadAsync("mmoe");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static ModelSnapshot Served(MmoeApiFactory factory, string model)
    {
        using var lease = factory.Registry.Acquire(model);
        return Assert.IsType<ModelLease>(lease).Snapshot;
    }
}
