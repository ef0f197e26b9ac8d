namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Bulk import of a raw log into a store: what loads millions of exposures in minutes where the event-by-event
/// write path would take hours (the scorecard benchmark seeds its stores this way).
/// </summary>
public sealed partial class ExperimentStore
{
    /// <summary>
    /// Imports <paramref name="log"/> (new exposures, each with the feedback on its items) in one transaction: raw rows
    /// in bulk (binary COPY on PostgreSQL, multi-row inserts on SQLite) every <paramref name="chunk"/> exposures,
    /// rollups summed in memory for the whole log by the same <see cref="RollupBatch"/> the write path uses and
    /// written once at the end. Every request id must be new to the store, and feedback must name items of its own
    /// exposure: a stored key fails the import and leaves the store as it was. Of several events on one item the
    /// latest is kept (the later one on a tie), as <see cref="WriteFeedbackAsync"/> keeps it. Returns the exposures imported.
    /// </summary>
    public Task<long> ImportAsync(IEnumerable<(ExposureEvent Exposure, IReadOnlyList<FeedbackEvent> Feedback)> log, int chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        var receivedMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return RunAsync("import a log", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var rollup = new RollupBatch();
            var imported = 0L;
            foreach (var part in log.Chunk(chunk))
            {
                var exposures = part.Select(p => p.Exposure).ToArray();
                var latest = part.Select(p => p.Feedback.GroupBy(f => f.ItemId, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Aggregate((seen, next) => next.Time >= seen.Time ? next : seen), StringComparer.Ordinal)).ToArray();
                var feedback = latest.SelectMany(l => l.Values).ToArray();
                await CopyAsync(connection, transaction, "exposures", ExposureColumns, exposures.Select(ExposureRow), cancellationToken);
                await CopyAsync(connection, transaction, "feedback", FeedbackColumns,
                    feedback.Select(f => new object?[] { f.RequestId, f.ItemId, f.Time.ToUnixTimeMilliseconds(), receivedMs }), cancellationToken);
                await CopyAsync(connection, transaction, "feedback_outcomes", OutcomeColumns,
                    feedback.SelectMany(f => f.Outcomes.Select(o => new object?[] { f.RequestId, f.ItemId, o.Key, o.Value ? 1 : 0 })), cancellationToken);

                for (var i = 0; i < exposures.Length; i++)
                {
                    var exposure = exposures[i];
                    if (!RollupBatch.Analysed(exposure.Experiment, exposure.Enrolled, exposure.Reason.ToString()))
                    {
                        continue;
                    }

                    rollup.AddExposure(exposure);
                    foreach (var item in exposure.Items.DistinctBy(s => s.ItemId, StringComparer.Ordinal).Where(s => latest[i].ContainsKey(s.ItemId)))
                    {
                        foreach (var (task, outcome) in latest[i][item.ItemId].Outcomes)
                        {
                            rollup.AddLabel(exposure.Experiment!, exposure.Arm, exposure.UnitHash, task, outcome,
                                Predictions(exposure, item).Where(p => p.Task == task).Select(p => (double?)p.Value).FirstOrDefault(), +1);
                            if (item.Team is { } team)
                            {
                                rollup.AddCredit(exposure.Experiment!, exposure.Arm, exposure.UnitHash, task, team, outcome, +1);
                            }
                        }
                    }
                }

                imported += part.Length;
            }

            await rollup.FlushAsync(_dialect, connection, transaction, _options.CommandTimeoutSeconds, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // The write path's lookups by request id need the planner to know these tables are large now.
            await _dialect.AnalyzeAsync(connection, BulkLoadedTables, _options.CommandTimeoutSeconds, cancellationToken);
            return imported;
        }, cancellationToken);
    }

    /// <summary>The raw tables an import fills and the per-unit rollups the write path looks rows up in.</summary>
    private static readonly string[] BulkLoadedTables =
        ["exposures", "feedback", "feedback_outcomes", "rollup_unit", "rollup_unit_task", "rollup_unit_credit"];

    private Task CopyAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string table, Column[] columns, IEnumerable<object?[]> rows,
        CancellationToken cancellationToken) =>
        _dialect.CopyAsync(connection, transaction, table, columns, rows.ToArray(), _options.CommandTimeoutSeconds, cancellationToken);
}
