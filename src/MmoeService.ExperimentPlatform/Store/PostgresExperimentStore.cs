using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using Npgsql;
using NpgsqlTypes;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// The store on PostgreSQL, for several replicas sharing one experiment. Exposures go in as one
/// <c>INSERT ... SELECT FROM unnest(arrays)</c> per table and batch (one round trip each, whatever the batch size),
/// and feedback likewise;
/// migrations take an advisory lock so replicas starting together migrate once.
/// </summary>
public sealed class PostgresExperimentStore : IExperimentStore, IAsyncDisposable, IDisposable
{
    /// <summary>Arbitrary constant naming this schema's migration lock.</summary>
    private const long MigrationLockKey = 0x6d6d6f65_00000001;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SqlExperimentStore _sql;
    private readonly TimeProvider _time;

    public PostgresExperimentStore(IOptions<StorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString ?? throw new InvalidOperationException(
            $"{StorageOptions.SectionName}:ConnectionString is required for PostgreSQL."));
        _sql = new SqlExperimentStore(
            async ct => await _dataSource.OpenConnectionAsync(ct),
            $"SELECT pg_advisory_xact_lock({MigrationLockKey})",
            options.Value,
            time);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _sql.InitializeAsync(cancellationToken);

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        if (exposures.Count == 0)
        {
            return Task.FromResult(0);
        }

        return _sql.RunAsync("write exposures", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = _sql.Command(connection, transaction, """
                INSERT INTO exposures (request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, tasks,
                                       item_count, mean_gates, status_code, latency_ms, time_ms, candidate_count, concentrated_share)
                SELECT * FROM unnest(@request_id, @experiment, @arm, @enrolled, @reason, @unit_hash, @model, @model_version, @tasks,
                                     @item_count, @mean_gates, @status_code, @latency_ms, @time_ms, @candidate_count, @concentrated_share)
                ON CONFLICT (request_id) DO NOTHING
                RETURNING request_id
                """))
            {
                var npgsql = (NpgsqlCommand)command;
                Array(npgsql, "request_id", NpgsqlDbType.Text, exposures.Select(x => x.RequestId).ToArray());
                Array(npgsql, "experiment", NpgsqlDbType.Text, exposures.Select(x => x.Experiment).ToArray());
                Array(npgsql, "arm", NpgsqlDbType.Text, exposures.Select(x => x.Arm).ToArray());
                Array(npgsql, "enrolled", NpgsqlDbType.Integer, exposures.Select(x => x.Enrolled ? 1 : 0).ToArray());
                Array(npgsql, "reason", NpgsqlDbType.Text, exposures.Select(x => x.Reason.ToString()).ToArray());
                Array(npgsql, "unit_hash", NpgsqlDbType.Text, exposures.Select(x => x.UnitHash).ToArray());
                Array(npgsql, "model", NpgsqlDbType.Text, exposures.Select(x => x.Model).ToArray());
                Array(npgsql, "model_version", NpgsqlDbType.Integer, exposures.Select(x => x.ModelVersion).ToArray());
                Array(npgsql, "tasks", NpgsqlDbType.Text, exposures.Select(ExposureRows.Tasks).ToArray());
                Array(npgsql, "item_count", NpgsqlDbType.Integer, exposures.Select(x => x.Items.Count).ToArray());
                Array(npgsql, "mean_gates", NpgsqlDbType.Text, exposures.Select(ExposureRows.MeanGates).ToArray());
                Array(npgsql, "status_code", NpgsqlDbType.Integer, exposures.Select(x => x.StatusCode).ToArray());
                Array(npgsql, "latency_ms", NpgsqlDbType.Double, exposures.Select(x => x.LatencyMs).ToArray());
                Array(npgsql, "time_ms", NpgsqlDbType.Bigint, exposures.Select(x => x.Time.ToUnixTimeMilliseconds()).ToArray());
                Array(npgsql, "candidate_count", NpgsqlDbType.Integer, exposures.Select(x => x.Candidates).ToArray());
                Array(npgsql, "concentrated_share", NpgsqlDbType.Text, exposures.Select(ExposureRows.ConcentratedShare).ToArray());
                await using var reader = await npgsql.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted.Add(reader.GetString(0));
                }
            }

            // Items only of exposures this batch inserted; a duplicate request id keeps the first exposure's items.
            var written = inserted.Count;
            var rows = exposures.Where(x => inserted.Remove(x.RequestId))
                .SelectMany(x => x.Items.Select(item => (Exposure: x, Item: item)))
                .ToArray();
            if (rows.Length > 0)
            {
                await using var command = (NpgsqlCommand)_sql.Command(connection, transaction, """
                    INSERT INTO exposure_items (request_id, item_id, item_rank, ctr, satisfaction, score)
                    SELECT * FROM unnest(@request_id, @item_id, @item_rank, @ctr, @satisfaction, @score)
                    ON CONFLICT (request_id, item_id) DO NOTHING
                    """);
                Array(command, "request_id", NpgsqlDbType.Text, rows.Select(r => r.Exposure.RequestId).ToArray());
                Array(command, "item_id", NpgsqlDbType.Text, rows.Select(r => r.Item.ItemId).ToArray());
                Array(command, "item_rank", NpgsqlDbType.Integer, rows.Select(r => r.Item.Rank).ToArray());
                Array(command, "ctr", NpgsqlDbType.Double, rows.Select(r => ExposureRows.Prediction(r.Exposure, r.Item, "ctr")).ToArray());
                Array(command, "satisfaction", NpgsqlDbType.Double, rows.Select(r => ExposureRows.Prediction(r.Exposure, r.Item, "satisfaction")).ToArray());
                Array(command, "score", NpgsqlDbType.Double, rows.Select(r => r.Item.Score).ToArray());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return written;
        }, cancellationToken);
    }

    /// <summary>
    /// The batch as two statements whatever its size (a row-by-row write costs two round trips per event): count the
    /// orphans, then upsert from arrays. One statement may not update a row twice, so the batch is first reduced to
    /// the latest event per (request, item), a later one in the batch winning a tie, exactly as row by row.
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

        var rows = latest.Values.ToArray();
        var receivedMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return _sql.RunAsync("write feedback", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            long orphaned;
            await using (var count = (NpgsqlCommand)_sql.Command(connection, transaction, """
                SELECT COUNT(*) FROM unnest(@request_id, @item_id) AS t(request_id, item_id)
                WHERE NOT EXISTS (SELECT 1 FROM exposure_items i WHERE i.request_id = t.request_id AND i.item_id = t.item_id)
                """))
            {
                Array(count, "request_id", NpgsqlDbType.Text, events.Select(e => e.RequestId).ToArray());
                Array(count, "item_id", NpgsqlDbType.Text, events.Select(e => e.ItemId).ToArray());
                orphaned = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            }

            await using (var upsert = (NpgsqlCommand)_sql.Command(connection, transaction, """
                INSERT INTO feedback (request_id, item_id, clicked, satisfied, time_ms, received_ms)
                SELECT t.request_id, t.item_id, t.clicked, t.satisfied, t.time_ms, @received_ms
                FROM unnest(@request_id, @item_id, @clicked, @satisfied, @time_ms) AS t(request_id, item_id, clicked, satisfied, time_ms)
                ON CONFLICT (request_id, item_id) DO UPDATE SET
                    clicked = excluded.clicked, satisfied = excluded.satisfied,
                    time_ms = excluded.time_ms, received_ms = excluded.received_ms
                WHERE excluded.time_ms >= feedback.time_ms
                """))
            {
                Array(upsert, "request_id", NpgsqlDbType.Text, rows.Select(e => e.RequestId).ToArray());
                Array(upsert, "item_id", NpgsqlDbType.Text, rows.Select(e => e.ItemId).ToArray());
                Array(upsert, "clicked", NpgsqlDbType.Integer, rows.Select(e => e.Clicked ? 1 : 0).ToArray());
                Array(upsert, "satisfied", NpgsqlDbType.Integer, rows.Select(e => e.Satisfied ? 1 : 0).ToArray());
                Array(upsert, "time_ms", NpgsqlDbType.Bigint, rows.Select(e => e.Time.ToUnixTimeMilliseconds()).ToArray());
                upsert.Parameters.Add(new NpgsqlParameter("received_ms", NpgsqlDbType.Bigint) { Value = receivedMs });
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new FeedbackWriteResult(events.Count, (int)orphaned);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        _sql.ReadArmObservationsAsync(experiment, cancellationToken);

    public Task<long> CountOrphanedFeedbackAsync(CancellationToken cancellationToken) => _sql.CountOrphanedFeedbackAsync(cancellationToken);

    public Task<StoredExposure?> FindExposureAsync(string requestId, CancellationToken cancellationToken) =>
        _sql.FindExposureAsync(requestId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _sql.Dispose();
        await _dataSource.DisposeAsync();
    }

    public void Dispose()
    {
        _sql.Dispose();
        _dataSource.Dispose();
    }

    private static void Array<T>(NpgsqlCommand command, string name, NpgsqlDbType elementType, T[] values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | elementType) { Value = values });
}
