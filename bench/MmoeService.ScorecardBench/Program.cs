using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using Npgsql;

// bench/scorecard: for each size, a fresh store is loaded by ExperimentStore.ImportAsync (raw rows in bulk, rollups
// summed in memory by the write path's RollupBatch), then the scorecard is read and computed 20 times (median, p99),
// then the write path is timed on the loaded store: 20 batches of 500 new exposures through WriteExposuresAsync (the
// exposure writer's batch) and their feedback through WriteFeedbackAsync in batches of 1000 (POST /feedback's path).
//
//   dotnet run -c Release --project bench/MmoeService.ScorecardBench -- [--sizes 10000,1000000] [--postgres "<connection string>"]
//   dotnet run -c Release --project bench/MmoeService.ScorecardBench -- --export <folder> (--sqlite <experiments.db> | --postgres "<cs>")
//   (--sizes 10000 --keep <folder> leaves a loaded SQLite store there to export)
var sizes = new List<long> { 10_000, 1_000_000, 10_000_000 };
string? postgres = null;
string? export = null;
string? sqlite = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sizes":
            sizes = args[++i].Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
            break;
        case "--postgres":
            postgres = args[++i];
            break;
        case "--export":
            export = args[++i];
            break;
        case "--sqlite":
            sqlite = args[++i];
            break;
        case "--keep":
            Bench.KeepIn = args[++i];
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; use --sizes N,N,..., --postgres \"<connection string>\", --export <folder> with --sqlite <file>");
            return 2;
    }
}

if (export is not null)
{
    if (sqlite is null && postgres is null)
    {
        Console.Error.WriteLine("--export needs --sqlite <experiments.db> or --postgres \"<connection string>\"");
        return 2;
    }

    return await MmoeService.ScorecardBench.Export.RunAsync(export, sqlite, postgres);
}

Console.WriteLine("| store | impressions | import time | scorecard median ms | scorecard p99 ms | write path exposures/s | write path feedback events/s | load average |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
foreach (var impressions in sizes)
{
    var row = await Bench.RunAsync(impressions, postgres);
    Console.WriteLine(row);
}

return 0;

internal static class Bench
{
    private const int ItemsPerRequest = 10;
    private const int ImportChunk = 5000;
    private const int WriteBatch = 500;
    private const int WriteBatches = 20;
    private const int FeedbackBatch = 1000;
    private const int Reads = 20;
    private static readonly string[] Tasks = ["click", "purchase"];
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>With <c>--keep &lt;folder&gt;</c> the SQLite store stays there (for <c>--export</c>); one size only.</summary>
    public static string? KeepIn { get; set; }

    public static async Task<string> RunAsync(long impressions, string? postgres)
    {
        var options = new StorageOptions { CommandTimeoutSeconds = 3600 };
        var fields = new OutcomeFieldOptions();
        var directory = KeepIn ?? Path.Combine(Path.GetTempPath(), "mmoe-scorecard-bench-" + Guid.NewGuid().ToString("N"));
        var schema = "bench_" + Guid.NewGuid().ToString("N");
        ExperimentStore store;
        if (postgres is null)
        {
            store = ExperimentStore.Sqlite(directory, options, fields, TimeProvider.System, NullLogger.Instance);
        }
        else
        {
            await ExecuteAsync(postgres, $"CREATE SCHEMA {schema}");
            options.Provider = StorageProvider.Postgres;
            options.ConnectionString = new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ToString();
            store = ExperimentStore.Postgres(options, fields, TimeProvider.System, NullLogger.Instance);
        }

        try
        {
            await store.InitializeAsync(default);
            var requests = impressions / ItemsPerRequest;
            var users = Math.Max(100, requests / 10);
            var random = new Random(20261206);
            var total = Stopwatch.StartNew();
            await store.ImportAsync(Log(0, requests, requests, users, random, total), ImportChunk, default);
            var loadTime = total.Elapsed;

            var design = new ExperimentDesign("bench", "running", 100, "control", [new ArmDesign("control", "m0", 50), new ArmDesign("treatment", "m1", 50)]);
            var timings = new List<double>();
            for (var i = 0; i < Reads + 2; i++)
            {
                var watch = Stopwatch.StartNew();
                var observations = await store.ReadArmObservationsAsync("bench", default);
                var card = ScorecardCalculator.Compute(design, observations, new Dictionary<string, GateBaseline>(), Tasks, DateTimeOffset.UtcNow);
                _ = JsonSerializer.SerializeToUtf8Bytes(card, JsonSerializerOptions.Web);
                if (i >= 2)
                {
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            // The write path on the loaded store: fresh requests through WriteExposuresAsync in the exposure writer's
            // batches, then their feedback through WriteFeedbackAsync in POST /feedback-sized batches, back to back.
            var exposureTime = TimeSpan.Zero;
            var feedbackTime = TimeSpan.Zero;
            long feedbackEvents = 0;
            for (var b = 0; b < WriteBatches; b++)
            {
                var batch = Log(requests + (b * WriteBatch), WriteBatch, requests, users, random, null).ToArray();
                var watch = Stopwatch.StartNew();
                await store.WriteExposuresAsync(batch.Select(x => x.Exposure).ToArray(), default);
                exposureTime += watch.Elapsed;
                watch.Restart();
                foreach (var chunk in batch.SelectMany(x => x.Feedback).Chunk(FeedbackBatch))
                {
                    await store.WriteFeedbackAsync(chunk, default);
                    feedbackEvents += chunk.Length;
                }

                feedbackTime += watch.Elapsed;
            }

            timings.Sort();
            var median = (timings[(Reads / 2) - 1] + timings[Reads / 2]) / 2;
            var p99 = timings[(int)Math.Ceiling(0.99 * Reads) - 1];
            return string.Create(CultureInfo.InvariantCulture,
                $"| {(postgres is null ? "SQLite" : "PostgreSQL")} | {impressions:N0} | {loadTime:hh\\:mm\\:ss} | {median:F1} | {p99:F1} | {WriteBatches * WriteBatch / exposureTime.TotalSeconds:N0} | {feedbackEvents / feedbackTime.TotalSeconds:N0} | {Uptime()} |");
        }
        finally
        {
            await store.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (KeepIn is null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            if (postgres is not null)
            {
                await ExecuteAsync(postgres, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
            }
        }
    }

    /// <summary>Requests <paramref name="first"/> … first + count - 1 with their feedback, reporting progress every 30 s of <paramref name="clock"/>.</summary>
    private static IEnumerable<(ExposureEvent Exposure, IReadOnlyList<FeedbackEvent> Feedback)> Log(
        long first, long count, long requests, long users, Random random, Stopwatch? clock)
    {
        var nextReport = TimeSpan.FromSeconds(30);
        for (var r = first; r < first + count; r++)
        {
            yield return Synthetic(r, requests, users, random);
            if (clock is not null && clock.Elapsed > nextReport)
            {
                Console.Error.WriteLine($"  {requests * ItemsPerRequest:N0}: {r - first + 1:N0} of {count:N0} requests generated after {clock.Elapsed:hh\\:mm\\:ss}");
                nextReport += TimeSpan.FromSeconds(30);
            }
        }
    }

    /// <summary>The load averages (1, 5, 15 min) from /proc/loadavg, reported with every figure.</summary>
    private static string Uptime() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Request <paramref name="r"/>: its user, arm (by user), ten items with predictions and an outcome per task each.</summary>
    private static (ExposureEvent Exposure, IReadOnlyList<FeedbackEvent> Feedback) Synthetic(long r, long requests, long users, Random random)
    {
        var user = r % users;
        var arm = user % 2;
        var time = T0.AddSeconds(86_400.0 * r / requests);
        var items = new ShownItem[ItemsPerRequest];
        var feedback = new List<FeedbackEvent>(ItemsPerRequest);
        var id = "r" + r.ToString(CultureInfo.InvariantCulture);
        for (var k = 0; k < ItemsPerRequest; k++)
        {
            var click = (float)(0.02 + (0.1 * random.NextDouble()));
            var purchase = click * (float)random.NextDouble();
            items[k] = new ShownItem("i" + k.ToString(CultureInfo.InvariantCulture), k + 1, [click, purchase], click * purchase);
            var clicked = random.NextDouble() < click * (arm == 1 ? 1.05 : 1.0);
            feedback.Add(new FeedbackEvent(id, items[k].ItemId,
                new Dictionary<string, bool> { [Tasks[0]] = clicked, [Tasks[1]] = clicked && random.NextDouble() < 0.3 }, time.AddSeconds(5)));
        }

        var exposure = new ExposureEvent(
            id, "bench", arm == 0 ? "control" : "treatment", true, AssignmentReason.Hash, "u" + user.ToString(CultureInfo.InvariantCulture),
            "m" + arm.ToString(CultureInfo.InvariantCulture), 1, Tasks, items,
            arm == 1 ? [[0.3f, 0.3f, 0.2f, 0.2f], [0.1f, 0.6f, 0.2f, 0.1f]] : null, arm == 1 ? [0.1f, 0.4f] : null, 50, 200,
            1 + (4 * random.NextDouble()), time);
        return (exposure, feedback);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
