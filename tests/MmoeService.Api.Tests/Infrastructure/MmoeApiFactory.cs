using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// The API in memory, pointed at the committed default models (or a <see cref="TempRepository"/>), with a
/// <see cref="FakeTimeProvider"/> so polling only happens when a test advances the clock.
/// </summary>
public sealed class MmoeApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private bool _started;

    public MmoeApiFactory(string? repositoryRoot = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Models:RepositoryRoot"] = repositoryRoot ?? RepositoryPaths.CommittedModels,
            ["Models:AdminApiKey"] = AdminKey,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Tests route to the default model unless they switch an experiment on (appsettings.json activates one).
            ["Experiments:Active"] = "",
            // Every host gets its own experiment store, deleted with the factory.
            ["Storage:DataDirectory"] = DataDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _services = services;
    }

    /// <summary>Temp folder of this host's SQLite experiment store.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "mmoe-data-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every log record the host writes (Serilog forwards to the logging providers).</summary>
    public FakeLogCollector Logs { get; } = new();

    public ModelRegistry Registry => Services.GetRequiredService<ModelRegistry>();

    /// <summary>The built host, so a test can stop it the way SIGTERM does (<c>IHost.StopAsync</c>).</summary>
    public IHost? Host { get; private set; }

    /// <summary>Starts the host and waits until the first load of every model has finished.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient();
        await Registry.InitialLoad.WaitAsync(TimeSpan.FromSeconds(30));
        _started = true;
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (ArgumentNullException) when (!_started)
        {
            // A host whose start failed has no hosted services to stop, and WebApplicationFactory trips over that.
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        Host = host;
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILoggerProvider>(_ => new FakeLoggerProvider(Logs));
            _services?.Invoke(services);
        });
    }
}
