using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.Serving.Routing;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// What the two stores share: connection handling and error mapping, schema migration, the feedback write and every
/// read. Only opening a connection, the migration lock and the bulk exposure insert differ per provider, and the
/// provider classes pass those in. Named parameters (<c>@name</c>) work on both providers.
/// </summary>
internal sealed class SqlExperimentStore(
    Func<CancellationToken, Task<DbConnection>> open, string? migrationLockSql, StorageOptions options, TimeProvider time) : IDisposable
{
    /// <summary>Requests analysed by the scorecard: enrolled by hash (overrides, not-enrolled and stopped traffic are served, not analysed).</summary>
    private const string Analysed = "e.experiment = @experiment AND e.enrolled = 1 AND e.reason = 'Hash'";

    private const string Labeled =
        "FROM exposures e JOIN exposure_items i ON i.request_id = e.request_id " +
        "JOIN feedback f ON f.request_id = i.request_id AND f.item_id = i.item_id";

    private readonly SemaphoreSlim _initializing = new(1, 1);
    private volatile bool _initialized;

    public void Dispose() => _initializing.Dispose();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initializing.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                await GuardAsync(() => MigrateAsync(cancellationToken), "migrate the schema");
                _initialized = true;
            }
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <summary>Runs <paramref name="operation"/> on an open connection of an initialised store, mapping I/O failures to <see cref="StoreUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(string what, Func<DbConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await GuardAsync(
            async () =>
            {
                await using var connection = await open(cancellationToken);
                return await operation(connection);
            },
            what);
    }

    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = options.CommandTimeoutSeconds;
        return command;
    }

    public static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        RunAsync("write feedback", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var exists = Command(connection, transaction,
                "SELECT COUNT(*) FROM exposure_items WHERE request_id = @request_id AND item_id = @item_id");
            var existsRequest = Parameter(exists, "request_id", null);
            var existsItem = Parameter(exists, "item_id", null);

            // Latest wins: a later event for the same (request, item) replaces an earlier one, never the reverse.
            await using var upsert = Command(connection, transaction, """
                INSERT INTO feedback (request_id, item_id, clicked, satisfied, time_ms, received_ms)
                VALUES (@request_id, @item_id, @clicked, @satisfied, @time_ms, @received_ms)
                ON CONFLICT (request_id, item_id) DO UPDATE SET
                    clicked = excluded.clicked, satisfied = excluded.satisfied,
                    time_ms = excluded.time_ms, received_ms = excluded.received_ms
                WHERE excluded.time_ms >= feedback.time_ms
                """);
            var request = Parameter(upsert, "request_id", null);
            var item = Parameter(upsert, "item_id", null);
            var clicked = Parameter(upsert, "clicked", 0);
            var satisfied = Parameter(upsert, "satisfied", 0);
            var timeMs = Parameter(upsert, "time_ms", 0L);
            Parameter(upsert, "received_ms", time.GetUtcNow().ToUnixTimeMilliseconds());

            var orphaned = 0;
            foreach (var feedback in events)
            {
                existsRequest.Value = feedback.RequestId;
                existsItem.Value = feedback.ItemId;
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    orphaned++;
                }

                request.Value = feedback.RequestId;
                item.Value = feedback.ItemId;
                clicked.Value = feedback.Clicked ? 1 : 0;
                satisfied.Value = feedback.Satisfied ? 1 : 0;
                timeMs.Value = feedback.Time.ToUnixTimeMilliseconds();
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new FeedbackWriteResult(events.Count, orphaned);
        }, cancellationToken);

    public Task<long> CountOrphanedFeedbackAsync(CancellationToken cancellationToken) =>
        RunAsync("count orphaned feedback", async connection =>
        {
            await using var command = Command(connection, null, """
                SELECT COUNT(*) FROM feedback f
                WHERE NOT EXISTS (SELECT 1 FROM exposure_items i WHERE i.request_id = f.request_id AND i.item_id = f.item_id)
                """);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task<StoredExposure?> FindExposureAsync(string requestId, CancellationToken cancellationToken) =>
        RunAsync("read an exposure", async connection =>
        {
            await using var command = Command(connection, null, """
                SELECT request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, item_count, status_code, latency_ms, time_ms
                FROM exposures WHERE request_id = @request_id
                """);
            Parameter(command, "request_id", requestId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new StoredExposure(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), Long(reader, 3) == 1,
                Enum.Parse<AssignmentReason>(reader.GetString(4)), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : (int)Long(reader, 7), (int)Long(reader, 8), (int)Long(reader, 9), Double(reader, 10),
                DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 11)));
        }, cancellationToken);

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<ArmObservations>>("read arm observations", async connection =>
        {
            var arms = new SortedDictionary<string, ArmAccumulator>(StringComparer.Ordinal);
            ArmAccumulator Arm(string name) => arms.TryGetValue(name, out var arm) ? arm : arms[name] = new ArmAccumulator();

            await ReadRowsAsync(connection, $"""
                SELECT e.arm, COUNT(*), SUM(CASE WHEN e.status_code <> 200 THEN 1 ELSE 0 END), COUNT(DISTINCT e.unit_hash), SUM(e.item_count)
                FROM exposures e WHERE {Analysed} GROUP BY e.arm
                """, experiment, null, reader =>
            {
                var arm = Arm(reader.GetString(0));
                (arm.Requests, arm.Failed, arm.Units, arm.Impressions) = (Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4));
            }, cancellationToken);

            await ReadRowsAsync(connection, $"""
                SELECT e.arm, e.model, e.model_version, COUNT(*) FROM exposures e WHERE {Analysed} GROUP BY e.arm, e.model, e.model_version
                """, experiment, null, reader =>
            {
                var arm = Arm(reader.GetString(0));
                arm.ModelRequests[reader.GetString(1)] = arm.ModelRequests.GetValueOrDefault(reader.GetString(1)) + Long(reader, 3);
                if (!reader.IsDBNull(2))
                {
                    arm.Versions.Add((int)Long(reader, 2));
                }
            }, cancellationToken);

            await ReadRowsAsync(connection, $"""
                SELECT e.arm, COUNT(*), SUM(f.clicked), SUM(f.satisfied),
                       SUM(i.ctr), SUM(CASE WHEN i.ctr IS NULL THEN 0 ELSE 1 END),
                       SUM(i.satisfaction), SUM(CASE WHEN i.satisfaction IS NULL THEN 0 ELSE 1 END)
                {Labeled} WHERE {Analysed} GROUP BY e.arm
                """, experiment, null, reader =>
            {
                var arm = Arm(reader.GetString(0));
                var labeled = Long(reader, 1);
                arm.Ctr = new TaskOutcomes(Long(reader, 2), labeled, Double(reader, 4), Long(reader, 5));
                arm.Satisfaction = new TaskOutcomes(Long(reader, 3), labeled, Double(reader, 6), Long(reader, 7));
            }, cancellationToken);

            await ReadRowsAsync(connection, $"""
                SELECT u.arm, COUNT(*), SUM(u.n), SUM(u.n * u.n),
                       SUM(u.yc), SUM(u.yc * u.yc), SUM(u.yc * u.n),
                       SUM(u.ys), SUM(u.ys * u.ys), SUM(u.ys * u.n)
                FROM (SELECT e.arm AS arm, e.unit_hash AS unit_hash,
                             CAST(COUNT(*) AS DOUBLE PRECISION) AS n,
                             CAST(SUM(f.clicked) AS DOUBLE PRECISION) AS yc,
                             CAST(SUM(f.satisfied) AS DOUBLE PRECISION) AS ys
                      {Labeled} WHERE {Analysed} GROUP BY e.arm, e.unit_hash) u
                GROUP BY u.arm
                """, experiment, null, reader =>
            {
                var arm = Arm(reader.GetString(0));
                var (units, sumN, sumNN) = (Long(reader, 1), Double(reader, 2), Double(reader, 3));
                arm.CtrByUnit = new UnitMoments(units, Double(reader, 4), sumN, Double(reader, 5), sumNN, Double(reader, 6));
                arm.SatisfactionByUnit = new UnitMoments(units, Double(reader, 7), sumN, Double(reader, 8), sumNN, Double(reader, 9));
            }, cancellationToken);

            await ReadRowsAsync(connection, $"""
                SELECT e.arm, (e.time_ms / 60000) * 60000 AS minute_ms, COUNT(*)
                FROM exposures e WHERE {Analysed} GROUP BY e.arm, minute_ms ORDER BY minute_ms
                """, experiment, null, reader =>
                Arm(reader.GetString(0)).Traffic.Add(new TrafficBucket(DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 1)), Long(reader, 2))),
                cancellationToken);

            await ReadRowsAsync(connection, $"""
                SELECT e.arm, e.tasks, e.mean_gates, e.item_count FROM exposures e
                WHERE {Analysed} AND e.mean_gates IS NOT NULL AND e.item_count > 0
                """, experiment, null, reader =>
                Arm(reader.GetString(0)).AddGates(reader.GetString(1), reader.GetString(2), Long(reader, 3)),
                cancellationToken);

            await ReadRowsAsync(connection, $"""
                SELECT e.arm, e.tasks, e.concentrated_share, e.candidate_count FROM exposures e
                WHERE {Analysed} AND e.concentrated_share IS NOT NULL AND e.candidate_count > 0
                """, experiment, null, reader =>
                Arm(reader.GetString(0)).AddConcentration(reader.GetString(1), reader.GetString(2), Long(reader, 3)),
                cancellationToken);

            foreach (var (name, arm) in arms)
            {
                await ReadRowsAsync(connection, $"""
                    SELECT i.ctr, i.satisfaction, f.clicked, f.satisfied
                    {Labeled} WHERE {Analysed} AND e.arm = @arm
                    ORDER BY e.time_ms DESC, e.request_id DESC, i.item_rank LIMIT {options.SampleLimit}
                    """, experiment, name, reader =>
                {
                    if (!reader.IsDBNull(0))
                    {
                        arm.CtrSample.Add(new LabeledPrediction((float)Double(reader, 0), Long(reader, 2) == 1));
                    }

                    if (!reader.IsDBNull(1))
                    {
                        arm.SatisfactionSample.Add(new LabeledPrediction((float)Double(reader, 1), Long(reader, 3) == 1));
                    }
                }, cancellationToken);

                await ReadRowsAsync(connection, $"""
                    SELECT e.latency_ms FROM exposures e WHERE {Analysed} AND e.arm = @arm
                    ORDER BY e.time_ms DESC, e.request_id DESC LIMIT {options.SampleLimit}
                    """, experiment, name, reader => arm.Latencies.Add(Double(reader, 0)), cancellationToken);
            }

            return arms.Select(a => a.Value.ToObservations(a.Key)).ToArray();
        }, cancellationToken);

    private async Task ReadRowsAsync(
        DbConnection connection, string sql, string experiment, string? arm, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, sql);
        Parameter(command, "experiment", experiment);
        if (arm is not null)
        {
            Parameter(command, "arm", arm);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (migrationLockSql is not null)
        {
            // Several replicas may start together; the lock makes the second wait and then find nothing to do.
            await using var lockCommand = Command(connection, transaction, migrationLockSql);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = Command(connection, transaction, ExperimentSchema.VersionTable))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        long current;
        await using (var version = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version"))
        {
            current = Convert.ToInt64(await version.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var applied = 0;
        for (var target = (int)current + 1; target <= ExperimentSchema.Migrations.Count; target++)
        {
            foreach (var statement in ExperimentSchema.Migrations[target - 1])
            {
                await using var command = Command(connection, transaction, statement);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = Command(connection, transaction, "INSERT INTO schema_version (version, applied_ms) VALUES (@version, @applied_ms)");
            Parameter(record, "version", target);
            Parameter(record, "applied_ms", time.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static async Task<T> GuardAsync<T>(Func<Task<T>> operation, string what)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or IOException or SocketException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"The experiment store could not {what}: {ex.Message}", ex);
        }
    }

    internal static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    internal static double Double(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>Per-arm figures while the queries run.</summary>
    private sealed class ArmAccumulator
    {
        private readonly Dictionary<string, (double[] Sum, int Task)> _gates = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (double Concentrated, long Candidates, int Task)> _concentration = new(StringComparer.Ordinal);
        private long _gateItems;

        public long Requests { get; set; }

        public long Failed { get; set; }

        public long Units { get; set; }

        public long Impressions { get; set; }

        public Dictionary<string, long> ModelRequests { get; } = new(StringComparer.Ordinal);

        public SortedSet<int> Versions { get; } = [];

        public TaskOutcomes Ctr { get; set; } = new(0, 0, 0, 0);

        public TaskOutcomes Satisfaction { get; set; } = new(0, 0, 0, 0);

        public UnitMoments CtrByUnit { get; set; } = new(0, 0, 0, 0, 0, 0);

        public UnitMoments SatisfactionByUnit { get; set; } = new(0, 0, 0, 0, 0, 0);

        public List<LabeledPrediction> CtrSample { get; } = [];

        public List<LabeledPrediction> SatisfactionSample { get; } = [];

        public List<double> Latencies { get; } = [];

        public List<TrafficBucket> Traffic { get; } = [];

        /// <summary>Adds one request's mean gates weighted by its item count, so the result is a mean over impressions.</summary>
        public void AddGates(string tasks, string meanGatesJson, long items)
        {
            var names = tasks.Split(',');
            var gates = JsonSerializer.Deserialize<float[][]>(meanGatesJson) ?? [];
            for (var t = 0; t < Math.Min(names.Length, gates.Length); t++)
            {
                if (!_gates.TryGetValue(names[t], out var entry))
                {
                    entry = (new double[gates[t].Length], _gates.Count);
                    _gates[names[t]] = entry;
                }

                for (var k = 0; k < Math.Min(entry.Sum.Length, gates[t].Length); k++)
                {
                    entry.Sum[k] += gates[t][k] * (double)items;
                }
            }

            _gateItems += items;
        }

        /// <summary>
        /// Adds one request's concentrated share weighted by its scored candidates, so the result is the share of all
        /// the arm's candidates (a request scoring 500 candidates counts 50 times as much as one scoring 10).
        /// </summary>
        public void AddConcentration(string tasks, string shareJson, long candidates)
        {
            var names = tasks.Split(',');
            var shares = JsonSerializer.Deserialize<float[]>(shareJson) ?? [];
            for (var t = 0; t < Math.Min(names.Length, shares.Length); t++)
            {
                var entry = _concentration.GetValueOrDefault(names[t], (0, 0, _concentration.Count));
                _concentration[names[t]] = (entry.Concentrated + (shares[t] * (double)candidates), entry.Candidates + candidates, entry.Task);
            }
        }

        public ArmObservations ToObservations(string arm) => new(
            arm,
            ModelRequests.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key).FirstOrDefault() ?? string.Empty,
            Versions.ToArray(),
            Units, Requests, Failed, Impressions,
            Ctr, Satisfaction, CtrByUnit, SatisfactionByUnit,
            CtrSample, SatisfactionSample, Latencies, Traffic,
            _gateItems == 0
                ? null
                : _gates.Values.OrderBy(g => g.Task).Select(g => g.Sum.Select(s => (float)(s / _gateItems)).ToArray()).ToArray(),
            _concentration.Count == 0
                ? null
                : _concentration.Values.OrderBy(c => c.Task).Select(c => c.Concentrated / c.Candidates).ToArray());
    }
}
