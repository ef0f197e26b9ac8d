using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Routing;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>One exposure as stored (without its items): what a test looks up by request id.</summary>
public sealed record StoredExposure(
    string RequestId, string? Experiment, string Arm, bool Enrolled, AssignmentReason Reason, string UnitHash,
    string Model, int? ModelVersion, int ItemCount, int StatusCode, double LatencyMs, DateTimeOffset Time);

/// <summary>One shown item as stored in its exposure's packed <c>items</c>.</summary>
public sealed record StoredItem(string Request, string Item, int Rank, double Score, string? Team, IReadOnlyDictionary<string, double> Predictions);

/// <summary>
/// Reads a store's database directly, past the production interface: exposures by request id, orphaned feedback,
/// and every scorecard figure recomputed from scratch over the raw rows (the oracle the rollups must equal).
/// </summary>
public sealed class StoreDatabase(Func<Task<DbConnection>> open)
{
    public static StoreDatabase Sqlite(string directory) => new(async () =>
    {
        Directory.CreateDirectory(directory);
        var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "experiments.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    });

    public static StoreDatabase Of(ExperimentStore store) => new(() => store.OpenConnectionAsync(default));

    public async Task<StoredExposure?> FindExposureAsync(string requestId)
    {
        StoredExposure? found = null;
        await ReadAsync("""
            SELECT request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, item_count, status_code, latency_ms, time_ms
            FROM exposures WHERE request_id = @id
            """, r => found = new StoredExposure(
                r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), Long(r, 3) == 1,
                Enum.Parse<AssignmentReason>(r.GetString(4)), r.GetString(5), r.GetString(6),
                r.IsDBNull(7) ? null : (int)Long(r, 7), (int)Long(r, 8), (int)Long(r, 9), Double(r, 10),
                DateTimeOffset.FromUnixTimeMilliseconds(Long(r, 11))), ("id", requestId));
        return found;
    }

    /// <summary>Feedback whose (request, item) matches no stored exposure item, now.</summary>
    public async Task<long> CountOrphanedFeedbackAsync()
    {
        var shown = (await ReadItemsAsync()).Select(i => (i.Request, i.Item)).ToHashSet();
        var feedback = new List<(string, string)>();
        await ReadAsync("SELECT request_id, item_id FROM feedback", r => feedback.Add((r.GetString(0), r.GetString(1))));
        return feedback.Count(f => !shown.Contains(f));
    }

    /// <summary>
    /// Every stored exposure's shown items, unpacked from <c>exposures.items</c> here with JsonDocument and
    /// BitConverter (not the store's reader; the test machine is little-endian): id, rank, score, team and the
    /// prediction per task name (absent where NaN).
    /// </summary>
    public async Task<IReadOnlyList<StoredItem>> ReadItemsAsync()
    {
        var items = new List<StoredItem>();
        await ReadAsync("SELECT request_id, tasks, items FROM exposures WHERE items IS NOT NULL", r =>
        {
            var tasks = r.GetString(1).Split(',');
            using var json = JsonDocument.Parse(r.GetString(2));
            var root = json.RootElement;
            var ids = root.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var ranks = root.GetProperty("ranks").GetBytesFromBase64().Chunk(4).Select(b => BitConverter.ToInt32(b)).ToArray();
            var scores = root.GetProperty("scores").GetBytesFromBase64().Chunk(8).Select(b => BitConverter.ToDouble(b)).ToArray();
            var teams = root.TryGetProperty("teams", out var t) ? t.EnumerateArray().Select(e => e.GetString()).ToArray() : new string?[ids.Length];
            var predictions = root.GetProperty("predictions").EnumerateArray().Select(p => p.GetBytesFromBase64().Chunk(4).Select(b => BitConverter.ToSingle(b)).ToArray()).ToArray();
            for (var i = 0; i < ids.Length; i++)
            {
                var byTask = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var k = 0; k < predictions.Length; k++)
                {
                    if (!float.IsNaN(predictions[k][i]))
                    {
                        byTask.TryAdd(tasks[k], predictions[k][i]);
                    }
                }

                items.Add(new StoredItem(r.GetString(0), ids[i], ranks[i], scores[i], teams[i], byTask));
            }
        });
        return items;
    }

    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Undoes versions 6 and 7 on a store at the latest version: the item tables as version 3 created them, filled
    /// from the packed items (without teams, which version 5 added), and <c>exposures.items</c> dropped.
    /// </summary>
    public async Task UnpackItemsAsync()
    {
        var items = await ReadItemsAsync();
        await ExecuteAsync(ExperimentSchema.Migrations[0].Single(s => s.Contains("CREATE TABLE exposure_items", StringComparison.Ordinal)));
        await ExecuteAsync(ExperimentSchema.Migrations[ExperimentSchema.RollupVersion - 1][0]);
        foreach (var item in items)
        {
            await ExecuteAsync("INSERT INTO exposure_items (request_id, item_id, item_rank, score) VALUES (@r, @i, @k, @s)",
                ("r", item.Request), ("i", item.Item), ("k", item.Rank), ("s", item.Score));
            foreach (var (task, prediction) in item.Predictions)
            {
                await ExecuteAsync("INSERT INTO exposure_predictions (request_id, item_id, task, prediction) VALUES (@r, @i, @t, @p)",
                    ("r", item.Request), ("i", item.Item), ("t", task), ("p", prediction));
            }
        }

        await ExecuteAsync("ALTER TABLE exposures DROP COLUMN items");
    }

    /// <summary>
    /// The experiment's arms computed from the raw rows alone, in C#, sharing no code with the rollups but the bin
    /// definitions: analysed exposures (enrolled by hash), their items and predictions, and each item's latest outcomes.
    /// </summary>
    public async Task<IReadOnlyList<ArmObservations>> RecomputeAsync(string experiment)
    {
        var exposures = new List<(string Id, string Arm, string Unit, string Model, int? Version, int Status, double Latency, long Time, string[] Tasks, float[][]? Gates, float[]? Shares, int Candidates)>();
        await ReadAsync("""
            SELECT request_id, arm, unit_hash, model, model_version, status_code, latency_ms, time_ms, tasks, mean_gates, concentrated_share, candidate_count
            FROM exposures WHERE experiment = @e AND enrolled = 1 AND reason = 'Hash'
            """, r => exposures.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : (int)Long(r, 4), (int)Long(r, 5),
                Double(r, 6), Long(r, 7), r.GetString(8).Split(','),
                r.IsDBNull(9) ? null : JsonSerializer.Deserialize<float[][]>(r.GetString(9)),
                r.IsDBNull(10) ? null : JsonSerializer.Deserialize<float[]>(r.GetString(10)), (int)Long(r, 11))), ("e", experiment));
        var stored = await ReadItemsAsync();
        var items = stored.Select(i => (i.Request, i.Item)).ToList();
        var predictions = stored.SelectMany(i => i.Predictions.Select(p => (Key: (i.Request, i.Item, p.Key), p.Value))).ToDictionary(p => p.Key, p => p.Value);
        var outcomes = new List<(string Request, string Item, string Task, bool Outcome)>();
        await ReadAsync("SELECT request_id, item_id, task, outcome FROM feedback_outcomes", r => outcomes.Add((r.GetString(0), r.GetString(1), r.GetString(2), Long(r, 3) == 1)));

        // The pre-period: every other exposure of the experiment's units before its start, with feedback timed before it.
        var start = exposures.Count == 0 ? 0 : exposures.Min(x => x.Time);
        var shown = items.ToHashSet();
        var history = new List<(string Unit, string Task, bool Outcome)>();
        await ReadAsync("""
            SELECT e.unit_hash, o.task, o.outcome, f.request_id, f.item_id FROM exposures e
            JOIN feedback f ON f.request_id = e.request_id
            JOIN feedback_outcomes o ON o.request_id = f.request_id AND o.item_id = f.item_id
            WHERE (e.experiment IS NULL OR e.experiment <> @e) AND e.time_ms < @s AND f.time_ms < @s
            """, r =>
        {
            if (shown.Contains((r.GetString(3), r.GetString(4))))
            {
                history.Add((r.GetString(0), r.GetString(1), Long(r, 2) == 1));
            }
        }, ("e", experiment), ("s", start));
        var preperiod = history.GroupBy(h => (h.Unit, h.Task)).ToDictionary(g => g.Key, g => (double?)g.Count(h => h.Outcome) / g.Count());
        var lastMinute = exposures.Count == 0 ? long.MinValue : exposures.Max(x => x.Time - (((x.Time % 60_000) + 60_000) % 60_000));
        var bucketMs = exposures.Count > 0 && lastMinute < start + 3_600_000 - 60_000 ? 5_000L : 60_000L;

        var byId = exposures.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var itemsOf = items.Where(i => byId.ContainsKey(i.Request)).ToLookup(i => i.Request, StringComparer.Ordinal);
        var labels = outcomes.Where(o => byId.ContainsKey(o.Request) && itemsOf[o.Request].Any(i => i.Item == o.Item))
            .Select(o => (Exposure: byId[o.Request], o.Item, o.Task, o.Outcome, Prediction: predictions.TryGetValue((o.Request, o.Item, o.Task), out var p) ? p : (double?)null))
            .ToArray();

        return exposures.GroupBy(x => x.Arm, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(arm =>
        {
            var armLabels = labels.Where(l => l.Exposure.Arm == arm.Key).ToArray();
            var tasks = armLabels.GroupBy(l => l.Task, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(task =>
            {
                var units = task.GroupBy(l => l.Exposure.Unit, StringComparer.Ordinal)
                    .Select(u => (N: (double)u.Count(), Y: (double)u.Count(l => l.Outcome), X: preperiod.GetValueOrDefault((u.Key, task.Key)))).ToArray();
                var predicted = task.Where(l => l.Prediction is not null).ToArray();
                return new TaskObservations(
                    task.Key,
                    new TaskOutcomes(task.Count(l => l.Outcome), task.Count(), predicted.Sum(l => l.Prediction!.Value), predicted.Length),
                    new UnitMoments(units.Length, units.Sum(u => u.Y), units.Sum(u => u.N), units.Sum(u => u.Y * u.Y), units.Sum(u => u.N * u.N), units.Sum(u => u.Y * u.N)),
                    predicted.GroupBy(l => PredictionBins.Of(l.Prediction!.Value)).OrderBy(b => b.Key)
                        .Select(b => new LabeledBin(b.Key, b.Count(l => l.Outcome), b.Count(l => !l.Outcome))).ToArray(),
                    new PreperiodSums(
                        units.Sum(u => u.X ?? 0), units.Sum(u => (u.X ?? 0) * (u.X ?? 0)), units.Sum(u => (u.X ?? 0) * u.Y), units.Sum(u => (u.X ?? 0) * u.N),
                        units.Count(u => u.X is null), units.Where(u => u.X is null).Sum(u => u.Y), units.Where(u => u.X is null).Sum(u => u.N)));
            }).ToArray();

            var taskNames = arm.SelectMany(x => x.Tasks.Take(Math.Max(x.Gates?.Length ?? 0, x.Shares?.Length ?? 0)).Select((t, i) => (t, i))).ToArray();
            var gates = taskNames.DistinctBy(t => t.t).OrderBy(t => t.i).ThenBy(t => t.t, StringComparer.Ordinal).Select(t =>
            {
                var withGates = arm.Where(x => x.Gates is { } g && Array.IndexOf(x.Tasks, t.t) is var k && k >= 0 && k < g.Length && itemsOf[x.Id].Any()).ToArray();
                var gateItems = withGates.Sum(x => (double)itemsOf[x.Id].Count());
                var experts = withGates.Length == 0 ? 0 : withGates.Max(x => x.Gates![Array.IndexOf(x.Tasks, t.t)].Length);
                var weights = Enumerable.Range(0, experts).Select(e => withGates.Sum(x =>
                    x.Gates![Array.IndexOf(x.Tasks, t.t)] is var g && e < g.Length ? g[e] * (double)itemsOf[x.Id].Count() : 0) / gateItems).ToArray();
                var withShares = arm.Where(x => x.Shares is { } s && Array.IndexOf(x.Tasks, t.t) is var k && k >= 0 && k < s.Length && x.Candidates > 0).ToArray();
                double? share = withShares.Length == 0 ? null
                    : withShares.Sum(x => x.Shares![Array.IndexOf(x.Tasks, t.t)] * (double)x.Candidates) / withShares.Sum(x => (double)x.Candidates);
                return new TaskGateObservations(t.t, gateItems > 0 ? weights : [], share);
            }).ToArray();

            return new ArmObservations(
                arm.Key,
                arm.GroupBy(x => x.Model, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key,
                arm.Where(x => x.Version is not null).Select(x => x.Version!.Value).Distinct().Order().ToArray(),
                arm.Select(x => x.Unit).Distinct(StringComparer.Ordinal).Count(),
                arm.Count(),
                arm.Count(x => x.Status != 200),
                arm.Sum(x => itemsOf[x.Id].Count()),
                tasks,
                arm.GroupBy(x => LatencyBins.Of(x.Latency)).OrderBy(b => b.Key).Select(b => new HistogramBin(b.Key, b.Count())).ToArray(),
                arm.GroupBy(x => x.Time - (((x.Time % bucketMs) + bucketMs) % bucketMs)).OrderBy(b => b.Key)
                    .Select(b => new TrafficBucket(DateTimeOffset.FromUnixTimeMilliseconds(b.Key), b.Count())).ToArray(),
                gates,
                (int)(bucketMs / 1000));
        }).ToArray();
    }

    /// <summary>Asserts two observation lists are equal, doubles to 1e-9 relative (sums are added in different orders).</summary>
    public static void AssertSame(IReadOnlyList<ArmObservations> expected, IReadOnlyList<ArmObservations> actual)
    {
        Assert.Equal(Canonical(expected), Canonical(actual));
    }

    private static string Canonical(IReadOnlyList<ArmObservations> arms) => JsonSerializer.Serialize(arms.Select(a => new
    {
        a.Arm, a.Model, a.ModelVersions, a.EnrolledUnits, a.Requests, a.FailedRequests, a.Impressions,
        Tasks = a.Tasks.Where(t => t.Outcomes.Labeled != 0 || t.ByUnit.Units != 0).Select(t => new
        {
            t.Task, t.Outcomes.Positives, t.Outcomes.Labeled, SumPredicted = Round(t.Outcomes.SumPredicted), t.Outcomes.PredictedCount,
            t.ByUnit.Units, SumY = Round(t.ByUnit.SumY), SumN = Round(t.ByUnit.SumN), SumYY = Round(t.ByUnit.SumYY), SumNN = Round(t.ByUnit.SumNN), SumYN = Round(t.ByUnit.SumYN),
            Bins = t.Predictions.Where(b => b.Positives != 0 || b.Negatives != 0).Select(b => $"{b.Bin}:{b.Positives}:{b.Negatives}"),
            Covariates = t.Covariates is { } c
                ? new[] { c.SumX, c.SumXX, c.SumXY, c.SumXN, c.SumMissing, c.SumMissingY, c.SumMissingN }.Select(Round)
                : [0, 0, 0, 0, 0, 0, 0],
        }),
        Latency = a.Latency.Where(b => b.Count != 0).Select(b => $"{b.Bin}:{b.Count}"),
        Traffic = a.Traffic.Select(b => $"{b.Start.ToUnixTimeMilliseconds()}:{b.Requests}"),
        a.TrafficBucketSeconds,
        Gates = a.Gates.Select(g => new { g.Task, Weights = g.MeanWeights.Select(Round), Share = g.ConcentratedShare is { } s ? Round(s) : (double?)null }),
    }));

    private static double Round(double value) => Math.Round(value, 6);

    private async Task ReadAsync(string sql, Action<DbDataReader> row, params (string Name, object Value)[] parameters)
    {
        await using var connection = await open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static double Double(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
