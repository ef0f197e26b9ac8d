using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.ModelRepository;

/// <summary>The provider policy when CUDA is missing, with a stand-in that fails the way ONNX Runtime does.</summary>
[Trait("Kind", "Integration")]
public sealed class ExecutionProviderTests
{
    [Fact]
    public async Task Auto_CudaUnavailable_ServesOnCpuAfterOneWarning()
    {
        var cuda = new UnavailableCuda();
        await using var factory = new MmoeApiFactory(services: Cuda(cuda));
        using var client = await factory.StartAsync();

        using var score = await client.PostScoreAsync(ApiClient.ExampleRequest());
        Assert.Equal(HttpStatusCode.OK, score.StatusCode);
        Assert.Equal("CPU", (string)(await score.ReadObjectAsync())["model"]!["executionProvider"]!);
        Assert.All((await client.GetFromJsonNodeAsync("/models")).AsArray(), m => Assert.Equal("CPU", (string)m!["executionProvider"]!));
        Assert.Contains("mmoe_execution_provider{provider=\"CPU\"} 1", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        var warning = Assert.Single(factory.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Id.Id == 1001);
        Assert.Contains("CUDA-unavailable-stand-in", warning.Message, StringComparison.Ordinal);
        Assert.Equal(1, cuda.Calls);
    }

    [Fact]
    public async Task Cuda_CudaUnavailable_RefusesToStart()
    {
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Inference:ExecutionProvider"] = "Cuda" },
            services: Cuda(new UnavailableCuda()));

        // Program logs the failure and exits with code 1, so the factory only sees a host that never started.
        Assert.NotNull(await Record.ExceptionAsync(factory.StartAsync));

        var failure = Assert.Single(factory.Logs.GetSnapshot(), e => e.Id.Name == "HostedServiceStartupFaulted");
        Assert.Contains("Inference:ExecutionProvider is Cuda", failure.Exception?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), e => e.Id.Id == 1010);
    }

    [Fact]
    public async Task Cpu_NeverTriesCuda()
    {
        var cuda = new UnavailableCuda();
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Inference:ExecutionProvider"] = "Cpu" },
            services: Cuda(cuda));
        using var client = await factory.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.PostScoreAsync(ApiClient.ExampleRequest())).StatusCode);
        Assert.Equal(0, cuda.Calls);
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Id.Id == 1001);
    }

    private static Action<IServiceCollection> Cuda(ICudaExecutionProvider cuda) => services =>
    {
        services.RemoveAll<ICudaExecutionProvider>();
        services.AddSingleton(cuda);
    };
}
