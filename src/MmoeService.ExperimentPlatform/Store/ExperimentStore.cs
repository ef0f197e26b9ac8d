using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// The experiment store on either database (the <see cref="StoreDialect"/> holds what differs). Raw rows are the
/// audit trail: exposures with their shown items and per-task predictions packed in the row (<see cref="ShownItemsJson"/>),
/// feedback per (request, item) and its outcomes per task. Every write also updates the rollup_* tables in the same transaction (see
/// <see cref="RollupBatch"/>), and the scorecard reads only those, so its cost does not grow with the data.
/// Named parameters (<c>@name</c>) work on both providers.
/// </summary>
public sealed partial class ExperimentStore : IExperimentStore, IAsyncDisposable, IDisposable
{
    private static readonly Column[] ExposureColumns =
    [
        new("request_id", ColumnType.Text), new("experiment", ColumnType.Text), new("arm", ColumnType.Text), new("enrolled", ColumnType.Integer),
        new("reason", ColumnType.Text), new("unit_hash", ColumnType.Text), new("model", ColumnType.Text), new("model_version", ColumnType.Integer),
        new("tasks", ColumnType.Text), new("item_count", ColumnType.Integer), new("mean_gates", ColumnType.Text), new("status_code", ColumnType.Integer),
        new("latency_ms", ColumnType.Double), new("time_ms", ColumnType.BigInt), new("candidate_count", ColumnType.Integer), new("concentrated_share", ColumnType.Text),
        new("items", ColumnType.Text),
    ];

    private static readonly Column[] FeedbackColumns =
        [new("request_id", ColumnType.Text), new("item_id", ColumnType.Text), new("time_ms", ColumnType.BigInt), new("received_ms", ColumnType.BigInt)];

    private static readonly Column[] OutcomeColumns =
        [new("request_id", ColumnType.Text), new("item_id", ColumnType.Text), new("task", ColumnType.Text), new("outcome", ColumnType.Integer)];

    private readonly StoreDialect _dialect;
    private readonly StorageOptions _options;
    private readonly OutcomeFieldOptions _fields;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializing = new(1, 1);
    private volatile bool _initialized;

    internal ExperimentStore(StoreDialect dialect, StorageOptions options, OutcomeFieldOptions fields, TimeProvider time, ILogger logger)
    {
        _dialect = dialect;
        _options = options;
        _fields = fields;
        _time = time;
        _logger = logger;
    }

    /// <summary>The store in one SQLite file, <c>experiments.db</c> under <paramref name="directory"/>.</summary>
    public static ExperimentStore Sqlite(string directory, StorageOptions options, OutcomeFieldOptions fields, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(new SqliteDialect(directory, options.CommandTimeoutSeconds), options, fields, time, logger);
    }

    /// <summary>The store on the PostgreSQL server of <see cref="StorageOptions.ConnectionString"/>.</summary>
    public static ExperimentStore Postgres(StorageOptions options, OutcomeFieldOptions fields, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(new PostgresDialect(options.ConnectionString ?? throw new InvalidOperationException(
            $"{StorageOptions.SectionName}:ConnectionString is required for PostgreSQL.")), options, fields, time, logger);
    }

    /// <summary>Full path of the SQLite file; null on PostgreSQL.</summary>
    public string? SqlitePath => (_dialect as SqliteDialect)?.Path;

    /// <summary>A connection to the store's database, for tests that check the raw rows behind the rollups.</summary>
    internal Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _dialect.OpenAsync(cancellationToken);

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

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        if (exposures.Count == 0)
        {
            return Task.FromResult(0);
        }

        return RunAsync("write exposures", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await _dialect.PrepareWriteAsync(connection, transaction, cancellationToken);
            var written = await InsertExposuresAsync(connection, transaction, exposures, cancellationToken);
            var rollup = new RollupBatch();
            await AddExposuresAsync(connection, transaction, rollup, written, cancellationToken);
            await rollup.FlushAsync(_dialect, connection, transaction, _options.CommandTimeoutSeconds, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// The batch reduced to the latest event per (request, item), a later one in the batch winning a tie, then
    /// compared with what is stored: an older event than the stored one is ignored; a newer one replaces the item's
    /// outcomes, and the rollups withdraw the old labels and add the new ones.
    /// </summary>
    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.FromResult(new FeedbackWriteResult(0, 0));
        }

        var latest = new Dictionary<(string, string), FeedbackEvent>();
        foreach (var feedback in events)
        {
            var key = (feedback.RequestId, feedback.ItemId);
            if (!latest.TryGetValue(key, out var seen) || feedback.Time >= seen.Time)
            {
                latest[key] = feedback;
            }
        }

        var receivedMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return RunAsync("write feedback", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await _dialect.PrepareWriteAsync(connection, transaction, cancellationToken);
            var ids = latest.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal).ToArray();
            var storedTimes = new Dictionary<(string, string), long>();
            await QueryByIdsAsync(connection, transaction, "SELECT request_id, item_id, time_ms FROM feedback WHERE request_id IN ({ids})", ids,
                r => storedTimes[(r.GetString(0), r.GetString(1))] = Long(r, 2), cancellationToken);
            var changed = latest.Values.Where(f => !storedTimes.TryGetValue((f.RequestId, f.ItemId), out var stored) || f.Time.ToUnixTimeMilliseconds() >= stored).ToArray();

            var shown = await ReadShownAsync(connection, transaction, ids, latest.Keys, cancellationToken);
            var oldOutcomes = new Dictionary<(string, string), Dictionary<string, bool>>();
            await QueryByIdsAsync(connection, transaction, "SELECT request_id, item_id, task, outcome FROM feedback_outcomes WHERE request_id IN ({ids})", ids, r =>
            {
                var key = (r.GetString(0), r.GetString(1));
                if (!oldOutcomes.TryGetValue(key, out var outcomes))
                {
                    oldOutcomes[key] = outcomes = new Dictionary<string, bool>(StringComparer.Ordinal);
                }

                outcomes[r.GetString(2)] = Long(r, 3) == 1;
            }, cancellationToken);

            await _dialect.InsertAsync(connection, transaction, "feedback", FeedbackColumns,
                changed.Select(f => new object?[] { f.RequestId, f.ItemId, f.Time.ToUnixTimeMilliseconds(), receivedMs }).ToArray(),
                "ON CONFLICT (request_id, item_id) DO UPDATE SET time_ms = excluded.time_ms, received_ms = excluded.received_ms", null,
                _options.CommandTimeoutSeconds, cancellationToken);
            await _dialect.InsertAsync(connection, transaction, "feedback_outcomes", OutcomeColumns,
                changed.SelectMany(f => f.Outcomes.Select(o => new object?[] { f.RequestId, f.ItemId, o.Key, o.Value ? 1 : 0 })).ToArray(),
                "ON CONFLICT (request_id, item_id, task) DO UPDATE SET outcome = excluded.outcome", null, _options.CommandTimeoutSeconds, cancellationToken);

            var rollup = new RollupBatch();
            foreach (var feedback in changed)
            {
                var key = (feedback.RequestId, feedback.ItemId);
                var old = oldOutcomes.GetValueOrDefault(key);
                foreach (var task in old?.Keys.Where(t => !feedback.Outcomes.ContainsKey(t)) ?? [])
                {
                    await ExecuteAsync(connection, transaction, "DELETE FROM feedback_outcomes WHERE request_id = @r AND item_id = @i AND task = @t",
                        cancellationToken, ("r", feedback.RequestId), ("i", feedback.ItemId), ("t", task));
                }

                if (shown.TryGetValue(key, out var item) && item.Analysed)
                {
                    foreach (var (task, outcome) in old ?? [])
                    {
                        rollup.AddLabel(item.Experiment!, item.Arm, item.Unit, task, outcome, item.Prediction(task), -1);
                        Credit(rollup, item, task, outcome, -1);
                    }

                    foreach (var (task, outcome) in feedback.Outcomes)
                    {
                        rollup.AddLabel(item.Experiment!, item.Arm, item.Unit, task, outcome, item.Prediction(task), +1);
                        Credit(rollup, item, task, outcome, +1);
                    }
                }
            }

            await rollup.FlushAsync(_dialect, connection, transaction, _options.CommandTimeoutSeconds, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new FeedbackWriteResult(events.Count, events.Count(e => !shown.ContainsKey((e.RequestId, e.ItemId))));
        }, cancellationToken);
    }

    private static void Credit(RollupBatch rollup, ShownContext item, string task, bool outcome, int sign)
    {
        if (item.Team is { } team)
        {
            rollup.AddCredit(item.Experiment!, item.Arm, item.Unit, task, team, outcome, sign);
        }
    }

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        RunAsync("read arm observations", connection => RollupReader.ReadAsync(connection, experiment, _options.CommandTimeoutSeconds, cancellationToken), cancellationToken);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _initializing.Dispose();
        await _dialect.DisposeAsync();
    }

    /// <summary>Runs <paramref name="operation"/> on an open connection of an initialised store, mapping I/O failures to <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> RunAsync<T>(string what, Func<DbConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await GuardAsync(
            async () =>
            {
                await using var connection = await _dialect.OpenAsync(cancellationToken);
                return await operation(connection);
            },
            what);
    }

    /// <summary>Inserts the exposures not stored yet (the first of a request id wins), items packed in; returns those written.</summary>
    private async Task<List<ExposureEvent>> InsertExposuresAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        var unique = exposures.DistinctBy(x => x.RequestId, StringComparer.Ordinal).ToArray();
        var inserted = (await _dialect.InsertAsync(connection, transaction, "exposures", ExposureColumns, unique.Select(ExposureRow).ToArray(),
                "ON CONFLICT (request_id) DO NOTHING", "request_id", _options.CommandTimeoutSeconds, cancellationToken))
            .Select(r => (string)r[0]).ToHashSet(StringComparer.Ordinal);
        return unique.Where(x => inserted.Contains(x.RequestId)).ToList();
    }

    private static object?[] ExposureRow(ExposureEvent x) =>
    [
        x.RequestId, x.Experiment, x.Arm, x.Enrolled ? 1 : 0, x.Reason.ToString(), x.UnitHash, x.Model, x.ModelVersion,
        string.Join(',', x.Tasks), x.Items.Count, x.MeanGates is null ? null : JsonSerializer.Serialize(x.MeanGates), x.StatusCode,
        x.LatencyMs, x.Time.ToUnixTimeMilliseconds(), x.Candidates, x.ConcentratedShare is null ? null : JsonSerializer.Serialize(x.ConcentratedShare),
        ShownItemsJson.Write(x.Tasks, x.Items),
    ];

    /// <summary>Adds newly stored exposures to the rollups, and adopts the feedback that arrived before them.</summary>
    private async Task AddExposuresAsync(
        DbConnection connection, DbTransaction transaction, RollupBatch rollup, IReadOnlyList<ExposureEvent> written, CancellationToken cancellationToken)
    {
        var analysed = written.Where(x => RollupBatch.Analysed(x.Experiment, x.Enrolled, x.Reason.ToString())).ToDictionary(x => x.RequestId, StringComparer.Ordinal);
        foreach (var exposure in analysed.Values)
        {
            rollup.AddExposure(exposure);
        }

        await QueryByIdsAsync(connection, transaction, "SELECT request_id, item_id, task, outcome FROM feedback_outcomes WHERE request_id IN ({ids})", analysed.Keys.ToArray(), r =>
        {
            var exposure = analysed[r.GetString(0)];
            var itemId = r.GetString(1);
            if (exposure.Items.FirstOrDefault(i => i.ItemId == itemId) is { } item)
            {
                var task = r.GetString(2);
                rollup.AddLabel(exposure.Experiment!, exposure.Arm, exposure.UnitHash, task, Long(r, 3) == 1,
                    Predictions(exposure, item).Where(p => p.Task == task).Select(p => (double?)p.Value).FirstOrDefault(), +1);
                if (item.Team is { } team)
                {
                    rollup.AddCredit(exposure.Experiment!, exposure.Arm, exposure.UnitHash, task, team, Long(r, 3) == 1, +1);
                }
            }
        }, cancellationToken);
    }

    private static IEnumerable<(string Task, double Value)> Predictions(ExposureEvent exposure, ShownItem item)
    {
        for (var t = 0; t < exposure.Tasks.Count && t < item.Predictions.Count; t++)
        {
            // A prediction the store never had (a task of an older model's missing column) is NaN on a rebuilt exposure.
            if (!float.IsNaN(item.Predictions[t]))
            {
                yield return (exposure.Tasks[t], item.Predictions[t]);
            }
        }
    }

    /// <summary>
    /// Of <paramref name="wanted"/> (request, item) pairs, those a stored exposure of <paramref name="ids"/> showed,
    /// with what the rollups need to label them.
    /// </summary>
    private async Task<Dictionary<(string, string), ShownContext>> ReadShownAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<string> ids, ICollection<(string, string)> wanted, CancellationToken cancellationToken)
    {
        var shown = new Dictionary<(string, string), ShownContext>();
        await QueryByIdsAsync(connection, transaction,
            "SELECT request_id, experiment, arm, unit_hash, enrolled, reason, tasks, items FROM exposures WHERE request_id IN ({ids})", ids, r =>
        {
            var requestId = r.GetString(0);
            var experiment = r.IsDBNull(1) ? null : r.GetString(1);
            var analysed = RollupBatch.Analysed(experiment, Long(r, 4) == 1, r.GetString(5));
            var tasks = r.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries);
            foreach (var item in ShownItemsJson.Read(r.IsDBNull(7) ? null : r.GetString(7), tasks.Length))
            {
                var key = (requestId, item.ItemId);
                if (wanted.Contains(key))
                {
                    var predictions = new Dictionary<string, double>(StringComparer.Ordinal);
                    for (var t = 0; t < tasks.Length; t++)
                    {
                        if (!float.IsNaN(item.Predictions[t]))
                        {
                            predictions.TryAdd(tasks[t], item.Predictions[t]);
                        }
                    }

                    shown[key] = new ShownContext(experiment, r.GetString(2), r.GetString(3), analysed, predictions) { Team = item.Team };
                }
            }
        }, cancellationToken);
        return shown;
    }

    /// <summary>Runs <paramref name="sql"/>, whose <c>{ids}</c> stands for the rows of <paramref name="ids"/>, calling <paramref name="row"/> per result row.</summary>
    private async Task QueryByIdsAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<string> ids, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = Command(connection, transaction, sql.Replace("{ids}", _dialect.IdsSource, StringComparison.Ordinal));
        Parameter(command, "ids", _dialect.IdsValue(ids));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            Parameter(command, name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = _options.CommandTimeoutSeconds;
        return command;
    }

    private static void Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
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

    /// <summary>A stored item: its exposure's arm and unit, whether the scorecard analyses it, its predictions by task.</summary>
    private sealed record ShownContext(string? Experiment, string Arm, string Unit, bool Analysed, Dictionary<string, double> Predictions)
    {
        /// <summary>The interleaving team that placed the item; null outside interleaving experiments.</summary>
        public Team? Team { get; init; }

        public double? Prediction(string task) => Predictions.TryGetValue(task, out var p) ? p : null;
    }
}
