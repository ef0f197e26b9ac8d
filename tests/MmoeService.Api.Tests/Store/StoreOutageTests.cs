using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Api.Tests.Infrastructure.StoreDoubles;

namespace MmoeService.Api.Tests.Store;

/// <summary>
/// The experiment store down and back up, for real: the SQLite file locked by another connection, and a private
/// PostgreSQL server stopped and restarted. Scoring continues, feedback answers 503 rather than pretending,
/// readiness and <c>mmoe_degraded</c> say so, and everything queued meanwhile reaches the store once it is back.
/// </summary>
[Trait("Kind", "Integration")]
public sealed class StoreOutageTests
{
    [Fact]
    public async Task Sqlite_FileLockedByAnotherConnection_DegradesThenRecoversWithoutLosingTheExposure()
    {
        var written = new ExposureSignal();
        await using var factory = new MmoeApiFactory(
            settings: OutageSettings(),
            services: s => s.DecorateStore(written.Wrap));
        using var client = await factory.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, await FeedbackStatusAsync(client, "before"));

        await using (var locker = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "experiments.db")};Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            await AssertOutageAsync(client, "during-lock");
        }

        await AssertRecoveryAsync(client, written, "during-lock");
    }

    [PrivatePostgresFact]
    public async Task Postgres_ServerStoppedAndRestarted_DegradesThenRecoversWithoutLosingTheExposure()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var written = new ExposureSignal();
        var settings = OutageSettings();
        settings["Storage:Provider"] = "Postgres";
        settings["Storage:ConnectionString"] = server.ConnectionString;
        await using var factory = new MmoeApiFactory(settings: settings, services: s => s.DecorateStore(written.Wrap));
        using var client = await factory.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, await FeedbackStatusAsync(client, "before"));

        await server.StopAsync();
        await AssertOutageAsync(client, "during-outage");
        await server.StartAgainAsync();

        await AssertRecoveryAsync(client, written, "during-outage");
    }

    private static Dictionary<string, string?> OutageSettings() => new()
    {
        ["Storage:CommandTimeoutSeconds"] = "1",
        ["Storage:RetryInitialDelay"] = "00:00:00",
        ["Storage:RetryMaxDelay"] = "00:00:00",
    };

    private static async Task AssertOutageAsync(HttpClient client, string requestId)
    {
        using (var feedback = await client.PostFeedbackAsync(Feedback(requestId)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, feedback.StatusCode);
            Assert.Equal("application/problem+json", feedback.Content.Headers.ContentType?.MediaType);
            Assert.True(feedback.Headers.Contains("Retry-After"));
        }

        var request = ApiClient.ExampleRequest();
        request["requestId"] = requestId;
        using (var score = await client.PostScoreAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, score.StatusCode);
        }

        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var body = await ready.ReadObjectAsync();
            Assert.Equal("Degraded", (string)body["status"]!);
            Assert.Equal("Degraded", (string)body["checks"]!["store"]!["status"]!);
            Assert.StartsWith("store unavailable", (string)body["checks"]!["store"]!["description"]!, StringComparison.Ordinal);
        }

        Assert.Contains("mmoe_degraded{mode=\"store_unavailable\"} 1", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    private static async Task AssertRecoveryAsync(HttpClient client, ExposureSignal written, string requestId)
    {
        // The writer retries on its own; the exposure scored during the outage is the proof nothing was lost.
        await written.WaitForAsync(requestId, timeoutSeconds: 60);
        Assert.Equal(HttpStatusCode.Accepted, await FeedbackStatusAsync(client, requestId));
        using (var ready = await client.GetAsync("/health/ready"))
        {
            var body = await ready.ReadObjectAsync();
            Assert.Equal("Healthy", (string)body["checks"]!["store"]!["status"]!);
        }

        Assert.Contains("mmoe_degraded{mode=\"store_unavailable\"} 0", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> FeedbackStatusAsync(HttpClient client, string requestId)
    {
        using var response = await client.PostFeedbackAsync(Feedback(requestId));
        return response.StatusCode;
    }

    private static JsonObject Feedback(string requestId) => new()
    {
        ["events"] = new JsonArray(new JsonObject
        {
            ["requestId"] = requestId, ["itemId"] = "item-0", ["clicked"] = true, ["satisfied"] = false, ["time"] = "2026-01-01T00:00:00Z",
        }),
    };
}

/// <summary>Runs where CI provides PostgreSQL (MMOE_TEST_POSTGRES is set) and the test may start a server of its own.</summary>
public sealed class PrivatePostgresFactAttribute : FactAttribute
{
    public PrivatePostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgresFactAttribute.ConnectionString) || !PrivatePostgres.Available)
        {
            Skip = $"Needs {PostgresFactAttribute.Variable} (run `eval \"$(.ci/setup-postgres)\"` as root), the postgresql-15 binaries and root to run them as postgres.";
        }
    }
}

/// <summary>
/// A throwaway PostgreSQL 15 server of the test's own (initdb in a temp folder, its own port, trust auth on
/// 127.0.0.1), so stopping it never disturbs the shared cluster other tests and other processes use.
/// Needs the Debian postgresql-15 binaries (installed by .ci/setup-postgres) and root to act as <c>postgres</c>.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _data;
    private readonly int _port;

    private PrivatePostgres(string data, int port)
    {
        _data = data;
        _port = port;
    }

    public static bool Available => File.Exists(Path.Combine(Bin, "initdb")) && File.Exists("/usr/sbin/runuser") && Environment.UserName == "root";

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=2;Command Timeout=2";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var data = Path.Combine("/tmp", "mmoe-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        await RunAsync("chown", "postgres:postgres", data);
        await AsPostgresAsync(Path.Combine(Bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
        var server = new PrivatePostgres(data, FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public Task StopAsync() => AsPostgresAsync(Path.Combine(Bin, "pg_ctl"), "-D", _data, "-m", "fast", "-w", "stop");

    public Task StartAgainAsync() => AsPostgresAsync(
        Path.Combine(Bin, "pg_ctl"), "-D", _data, "-w", "-l", Path.Combine(_data, "server.log"),
        "-o", $"-p {_port} -k {_data} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_data, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task AsPostgresAsync(params string[] command) => RunAsync("/usr/sbin/runuser", ["-u", "postgres", "--", .. command]);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output} {await error}");
        }
    }
}
