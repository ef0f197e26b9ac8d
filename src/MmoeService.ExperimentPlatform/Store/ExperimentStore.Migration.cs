using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Schema migration, with its two steps in code: the one-time rebuild of the rollups from the raw rows when a store
/// reaches version 3, and packing the item rows into their exposures at version 6.
/// </summary>
public sealed partial class ExperimentStore
{
    private const int RebuildPageSize = 2000;

    private async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (_dialect.MigrationLockSql is { } lockSql)
        {
            // Several replicas may start together; the lock makes the second wait and then find nothing to do.
            await ExecuteAsync(connection, transaction, lockSql, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, ExperimentSchema.VersionTable, cancellationToken);
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
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            if (target == ExperimentSchema.RollupVersion)
            {
                await CopyLegacyOutcomesAsync(connection, transaction, cancellationToken);
                await RebuildRollupsAsync(connection, transaction, cancellationToken);
            }

            if (target == ExperimentSchema.PackedItemsVersion)
            {
                await PackItemsAsync(connection, transaction, cancellationToken);
            }

            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version, applied_ms) VALUES (@version, @applied_ms)", cancellationToken,
                ("version", target), ("applied_ms", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            applied++;
        }

        await transaction.CommitAsync(cancellationToken);
        if (applied > 0)
        {
            Migrated(_logger, _dialect.Name, (int)current, ExperimentSchema.Migrations.Count);
        }

        return applied;
    }

    /// <summary>Outcomes of the version 2 feedback table, by the configured field mapping; an unmapped column stays in feedback_v2 only.</summary>
    private async Task CopyLegacyOutcomesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var column in ExperimentSchema.LegacyOutcomeColumns)
        {
            if (_fields.Fields.TryGetValue(column, out var field))
            {
                // WHERE 1 = 1 lets SQLite tell the upsert clause from a join; two fields mapped to one task keep the first.
                await ExecuteAsync(connection, transaction, $"""
                    INSERT INTO feedback_outcomes (request_id, item_id, task, outcome)
                    SELECT request_id, item_id, @task, {column} FROM feedback_v2 WHERE 1 = 1
                    ON CONFLICT (request_id, item_id, task) DO NOTHING
                    """, cancellationToken, ("task", field.Task));
            }
            else
            {
                LegacyColumnUnmapped(_logger, column);
            }
        }
    }

    /// <summary>Replays every analysed exposure through the write path's rollup code, page by page, logging progress.</summary>
    private async Task RebuildRollupsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string analysed = "experiment IS NOT NULL AND enrolled = 1 AND reason = @hash";
        long total;
        await using (var count = Command(connection, transaction, $"SELECT COUNT(*) FROM exposures WHERE {analysed}"))
        {
            Parameter(count, "hash", nameof(AssignmentReason.Hash));
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        RebuildStarted(_logger, total);
        var done = 0L;
        var after = string.Empty;
        while (true)
        {
            var page = new List<ExposureEvent>();
            await using (var command = Command(connection, transaction, $"""
                SELECT request_id, experiment, arm, unit_hash, model, model_version, tasks, mean_gates, concentrated_share, candidate_count,
                       status_code, latency_ms, time_ms, item_count
                FROM exposures WHERE {analysed} AND request_id > @after ORDER BY request_id LIMIT {RebuildPageSize}
                """))
            {
                Parameter(command, "hash", nameof(AssignmentReason.Hash));
                Parameter(command, "after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(new ExposureEvent(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), true, AssignmentReason.Hash, reader.GetString(3), reader.GetString(4),
                        reader.IsDBNull(5) ? null : (int)Long(reader, 5),
                        reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries), [],
                        reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<float[][]>(reader.GetString(7)),
                        reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<float[]>(reader.GetString(8)),
                        (int)Long(reader, 9), (int)Long(reader, 10), Double(reader, 11), DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 12))));
                }
            }

            if (page.Count == 0)
            {
                break;
            }

            var items = await ReadItemRowsAsync(connection, transaction, page.Select(x => (x.RequestId, x.Tasks)).ToList(), teams: false, cancellationToken);

            // Impressions count what the exposure returned (item_count), which its stored items match.
            var exposures = page.Select(x => x with { Items = items.GetValueOrDefault(x.RequestId) ?? [] }).ToList();

            // The rebuild runs at version 3; the pre-period tables come with a later version, whose script fills them.
            var rollup = new RollupBatch { WithCovariates = false };
            await AddExposuresAsync(connection, transaction, rollup, exposures, cancellationToken);
            await rollup.FlushAsync(_dialect, connection, transaction, _options.CommandTimeoutSeconds, cancellationToken);
            done += page.Count;
            after = page[^1].RequestId;
            RebuildProgress(_logger, done, total);
        }
    }

    /// <summary>
    /// Packs every exposure's rows of exposure_items and exposure_predictions into its <c>items</c> column, page by
    /// page; version 7 then drops those tables. An exposure without item rows keeps NULL.
    /// </summary>
    private async Task PackItemsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        long total;
        await using (var count = Command(connection, transaction, "SELECT COUNT(*) FROM exposures"))
        {
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var after = string.Empty;
        var done = 0L;
        var packed = 0L;
        while (true)
        {
            // The tasks are the order of the packed predictions.
            var page = new List<(string RequestId, IReadOnlyList<string> Tasks)>();
            await using (var command = Command(connection, transaction,
                $"SELECT request_id, tasks FROM exposures WHERE request_id > @after ORDER BY request_id LIMIT {RebuildPageSize}"))
            {
                Parameter(command, "after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add((reader.GetString(0), reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries)));
                }
            }

            if (page.Count == 0)
            {
                break;
            }

            var items = await ReadItemRowsAsync(connection, transaction, page, teams: true, cancellationToken);
            foreach (var (requestId, tasks) in page)
            {
                if (items.TryGetValue(requestId, out var shown) && ShownItemsJson.Write(tasks, shown) is { } json)
                {
                    await ExecuteAsync(connection, transaction, "UPDATE exposures SET items = @items WHERE request_id = @id", cancellationToken,
                        ("items", System.Text.Encoding.UTF8.GetString(json)), ("id", requestId));
                    packed++;
                }
            }

            after = page[^1].RequestId;
            done += page.Count;
            PackProgress(_logger, done, total);
        }

        ItemsPacked(_logger, packed);
    }

    /// <summary>
    /// The rows of exposure_items and exposure_predictions of the page's exposures, by request id, in rank order:
    /// predictions in the order of each exposure's tasks (NaN where a task has none), and the interleaving team where
    /// the table has one (<paramref name="teams"/>: version 5 on). An exposure without rows is absent.
    /// </summary>
    private async Task<Dictionary<string, ShownItem[]>> ReadItemRowsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(string RequestId, IReadOnlyList<string> Tasks)> page, bool teams,
        CancellationToken cancellationToken)
    {
        var items = new Dictionary<string, SortedDictionary<string, (int Rank, double Score, Team? Team, Dictionary<string, float> Predictions)>>(StringComparer.Ordinal);
        await QueryByIdsAsync(connection, transaction, $$"""
            SELECT i.request_id, i.item_id, i.item_rank, i.score, p.task, p.prediction, {{(teams ? "i.team" : "NULL")}}
            FROM exposure_items i LEFT JOIN exposure_predictions p ON p.request_id = i.request_id AND p.item_id = i.item_id
            WHERE i.request_id IN ({ids})
            """, page.Select(p => p.RequestId).ToArray(), r =>
        {
            if (!items.TryGetValue(r.GetString(0), out var byItem))
            {
                items[r.GetString(0)] = byItem = new SortedDictionary<string, (int, double, Team?, Dictionary<string, float>)>(StringComparer.Ordinal);
            }

            if (!byItem.TryGetValue(r.GetString(1), out var item))
            {
                byItem[r.GetString(1)] = item = ((int)Long(r, 2), Double(r, 3), r.IsDBNull(6) ? null : Enum.Parse<Team>(r.GetString(6)),
                    new Dictionary<string, float>(StringComparer.Ordinal));
            }

            if (!r.IsDBNull(4))
            {
                item.Predictions[r.GetString(4)] = (float)Double(r, 5);
            }
        }, cancellationToken);

        return page.Where(p => items.ContainsKey(p.RequestId)).ToDictionary(p => p.RequestId, p => items[p.RequestId].Select(i => new ShownItem(
                i.Key, i.Value.Rank, p.Tasks.Select(t => i.Value.Predictions.TryGetValue(t, out var v) ? v : float.NaN).ToArray(), i.Value.Score, i.Value.Team))
            .OrderBy(i => i.Rank).ToArray(), StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Experiment store ({Provider}) migrated from schema version {From} to {To}")]
    private static partial void Migrated(ILogger logger, string provider, int from, int to);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Rebuilding the scorecard rollups from {Total} stored exposures")]
    private static partial void RebuildStarted(ILogger logger, long total);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Rollup rebuild: {Done} of {Total} exposures")]
    private static partial void RebuildProgress(ILogger logger, long done, long total);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning,
        Message = "Feedback:Fields maps no task to the stored column {Column}; its outcomes stay in feedback_v2 and are left out of the scorecard")]
    private static partial void LegacyColumnUnmapped(ILogger logger, string column);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Information, Message = "Packed the item rows of {Exposures} stored exposures into exposures.items")]
    private static partial void ItemsPacked(ILogger logger, long exposures);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Information, Message = "Packing stored items: {Done} of {Total} exposures")]
    private static partial void PackProgress(ILogger logger, long done, long total);
}
