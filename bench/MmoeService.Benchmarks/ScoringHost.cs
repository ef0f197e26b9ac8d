using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MmoeService.Serving.Batching;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.Serving.ModelRepository;
using MmoeService.Api.Observability;
using MmoeService.Serving.Scoring;

namespace MmoeService.Benchmarks;

/// <summary>
/// The service's own features (models, scoring, batching, exposures, experiments) in a generic host without
/// Kestrel: the scoring path exactly as the API wires it, minus HTTP. Loads the committed default models.
/// </summary>
public sealed class ScoringHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ScoringHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<ScoringHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Models:RepositoryRoot"] = Path.Combine(RepositoryRoot, "models"),
            ["Models:PollInterval"] = "01:00:00",
            ["Models:Served:mmoe:Version"] = "latest",
            ["Experiments:DefaultModel"] = "mmoe",
            ["Inference:ExecutionProvider"] = "Cpu",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddObservability();
        builder.AddModels();
        builder.AddScoring();
        builder.AddBatching();
        builder.AddExposures();
        builder.AddExperiments();
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<ModelRegistry>().InitialLoad;
        return new ScoringHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MmoeService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MmoeService.sln above {AppContext.BaseDirectory}.");
    }
}
