using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MmoeService.Api.Health;
using MmoeService.Serving.ModelRepository;
using MmoeService.Api.Observability;
using Prometheus;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.Health;

/// <summary>The startup probe and readiness around the first load, driven by hand instead of by a host.</summary>
[Trait("Kind", "Integration")]
public sealed class StartupProbeTests
{
    [Fact]
    public async Task StartupProbe_BeforeAndAfterTheFirstLoad_GoesFromUnhealthyToHealthy()
    {
        using var repository = TempRepository.Empty();
        using var registry = Registry(repository.Root);
        var startup = new StartupHealthCheck(registry);
        var ready = new ModelsReadyHealthCheck(registry);

        Assert.Equal(HealthStatus.Unhealthy, (await startup.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(ModelState.Loading, Assert.Single(registry.Describe()).Status);

        await registry.ReloadAllAsync(CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, (await startup.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await ready.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(ModelState.Unavailable, Assert.Single(registry.Describe()).Status);
    }

    private static ModelRegistry Registry(string root)
    {
        var options = Options.Create(new ModelRepositoryOptions
        {
            RepositoryRoot = root,
            Served = { ["mmoe"] = new ServedModelOptions() },
        });
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ModelMetrics(registry, new DegradedMetrics(registry));
        var time = new FakeTimeProvider();
        var policy = new ExecutionProviderPolicy(
            Options.Create(new InferenceOptions { ExecutionProvider = ExecutionProviderMode.Cpu }),
            new UnavailableCuda(),
            NullLogger<ExecutionProviderPolicy>.Instance,
            metrics);
        return new ModelRegistry(
            options,
            new RepositoryLayout(options, new Environment(root)),
            new ModelLoader(policy, options, time),
            metrics,
            NullLogger<ModelRegistry>.Instance,
            time);
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "MmoeService.Api";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
