using System.Data.Common;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Reads an experiment's <see cref="ArmObservations"/> from the rollup tables only: one query per figure, each
/// bounded by arms × tasks × bins (and minutes of traffic), never by the number of impressions.
/// </summary>
internal static class RollupReader
{
    public static async Task<IReadOnlyList<ArmObservations>> ReadAsync(DbConnection connection, string experiment, int timeout, CancellationToken cancellationToken)
    {
        var arms = new SortedDictionary<string, Arm>(StringComparer.Ordinal);
        Arm ArmOf(string name) => arms.TryGetValue(name, out var arm) ? arm : arms[name] = new Arm();

        await ReadAsync(connection, experiment, timeout, "SELECT arm, requests, failed, impressions, units FROM rollup_arm WHERE experiment = @experiment", r =>
        {
            var arm = ArmOf(r.GetString(0));
            (arm.Requests, arm.Failed, arm.Impressions, arm.Units) = (Long(r, 1), Long(r, 2), Long(r, 3), Long(r, 4));
        }, cancellationToken);
        await ReadAsync(connection, experiment, timeout, "SELECT arm, model, model_version, requests FROM rollup_model WHERE experiment = @experiment", r =>
        {
            var arm = ArmOf(r.GetString(0));
            arm.ModelRequests[r.GetString(1)] = arm.ModelRequests.GetValueOrDefault(r.GetString(1)) + Long(r, 3);
            if (Long(r, 2) >= 0)
            {
                arm.Versions.Add((int)Long(r, 2));
            }
        }, cancellationToken);
        await ReadAsync(connection, experiment, timeout,
            "SELECT arm, task, units, sum_y, sum_n, sum_yy, sum_nn, sum_yn, sum_predicted, predicted FROM rollup_task WHERE experiment = @experiment", r =>
            ArmOf(r.GetString(0)).Tasks[r.GetString(1)] = (
                new TaskOutcomes((long)Math.Round(Double(r, 3)), (long)Math.Round(Double(r, 4)), Double(r, 8), Long(r, 9)),
                new UnitMoments(Long(r, 2), Double(r, 3), Double(r, 4), Double(r, 5), Double(r, 6), Double(r, 7))),
            cancellationToken);
        await ReadAsync(connection, experiment, timeout,
            "SELECT arm, task, sum_x, sum_xx, sum_xy, sum_xn, missing, missing_y, missing_n FROM rollup_task_covariate WHERE experiment = @experiment", r =>
            ArmOf(r.GetString(0)).Covariates[r.GetString(1)] = new PreperiodSums(
                Double(r, 2), Double(r, 3), Double(r, 4), Double(r, 5), Double(r, 6), Double(r, 7), Double(r, 8)),
            cancellationToken);
        await ReadAsync(connection, experiment, timeout, """
            SELECT arm, task, bin, positives, negatives FROM rollup_prediction_bin
            WHERE experiment = @experiment AND (positives <> 0 OR negatives <> 0) ORDER BY bin
            """, r =>
        {
            var bins = ArmOf(r.GetString(0)).Bins;
            if (!bins.TryGetValue(r.GetString(1), out var list))
            {
                bins[r.GetString(1)] = list = [];
            }

            list.Add(new LabeledBin((int)Long(r, 2), Long(r, 3), Long(r, 4)));
        }, cancellationToken);
        await ReadAsync(connection, experiment, timeout, "SELECT arm, bin, requests FROM rollup_latency_bin WHERE experiment = @experiment ORDER BY bin", r =>
            ArmOf(r.GetString(0)).Latency.Add(new HistogramBin((int)Long(r, 1), Long(r, 2))), cancellationToken);
        await ReadAsync(connection, experiment, timeout, "SELECT arm, minute_ms, requests FROM rollup_traffic WHERE experiment = @experiment ORDER BY minute_ms", r =>
            ArmOf(r.GetString(0)).Traffic.Add(new TrafficBucket(DateTimeOffset.FromUnixTimeMilliseconds(Long(r, 1)), Long(r, 2))), cancellationToken);
        long? started = null;
        await ReadAsync(connection, experiment, timeout, "SELECT started_ms FROM rollup_experiment WHERE experiment = @experiment", r => started = Long(r, 0), cancellationToken);
        var lastMinute = arms.Values.SelectMany(a => a.Traffic).Select(b => b.Start.ToUnixTimeMilliseconds()).DefaultIfEmpty(long.MinValue).Max();
        var fine = started is { } start && lastMinute < start + FineTrafficRollup.WindowMs - 60_000;
        if (fine)
        {
            // Still inside the fine rollup's window: the 5 s buckets replace the minutes.
            foreach (var arm in arms.Values)
            {
                arm.Traffic.Clear();
            }

            await ReadAsync(connection, experiment, timeout, "SELECT arm, bucket_ms, requests FROM rollup_traffic_fine WHERE experiment = @experiment ORDER BY bucket_ms", r =>
                ArmOf(r.GetString(0)).Traffic.Add(new TrafficBucket(DateTimeOffset.FromUnixTimeMilliseconds(Long(r, 1)), Long(r, 2))), cancellationToken);
        }

        await ReadAsync(connection, experiment, timeout,
            "SELECT arm, task, task_index, items, concentrated, candidates FROM rollup_gate WHERE experiment = @experiment ORDER BY task_index, task", r =>
            ArmOf(r.GetString(0)).Gates.Add((r.GetString(1), Long(r, 3), Long(r, 5) > 0 ? Double(r, 4) / Long(r, 5) : null)), cancellationToken);
        await ReadAsync(connection, experiment, timeout, "SELECT arm, task, expert, weighted FROM rollup_gate_expert WHERE experiment = @experiment ORDER BY expert", r =>
        {
            var experts = ArmOf(r.GetString(0)).Experts;
            if (!experts.TryGetValue(r.GetString(1), out var list))
            {
                experts[r.GetString(1)] = list = [];
            }

            list.Add(Double(r, 3));
        }, cancellationToken);

        await ReadAsync(connection, experiment, timeout,
            "SELECT arm, task, prefer_treatment, prefer_control, sum_d, sum_dd FROM rollup_preference WHERE experiment = @experiment ORDER BY task", r =>
            ArmOf(r.GetString(0)).Preferences.Add(new PreferenceObservations(
                r.GetString(1), (long)Math.Round(Double(r, 2)), (long)Math.Round(Double(r, 3)), Double(r, 4), Double(r, 5))), cancellationToken);

        return arms.Select(a => a.Value.ToObservations(a.Key) with { TrafficBucketSeconds = fine ? (int)(FineTrafficRollup.BucketMs / 1000) : 60 }).ToArray();
    }

    private static async Task ReadAsync(
        DbConnection connection, string experiment, int timeout, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeout;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "experiment";
        parameter.Value = experiment;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static long Long(DbDataReader reader, int ordinal) => ExperimentStore.Long(reader, ordinal);

    private static double Double(DbDataReader reader, int ordinal) => ExperimentStore.Double(reader, ordinal);

    private sealed class Arm
    {
        public long Requests { get; set; }

        public long Failed { get; set; }

        public long Impressions { get; set; }

        public long Units { get; set; }

        public Dictionary<string, long> ModelRequests { get; } = new(StringComparer.Ordinal);

        public SortedSet<int> Versions { get; } = [];

        public SortedDictionary<string, (TaskOutcomes Outcomes, UnitMoments Moments)> Tasks { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<LabeledBin>> Bins { get; } = new(StringComparer.Ordinal);

        public List<HistogramBin> Latency { get; } = [];

        public List<TrafficBucket> Traffic { get; } = [];

        public Dictionary<string, PreperiodSums> Covariates { get; } = new(StringComparer.Ordinal);

        public List<(string Task, long Items, double? Share)> Gates { get; } = [];

        public Dictionary<string, List<double>> Experts { get; } = new(StringComparer.Ordinal);

        public List<PreferenceObservations> Preferences { get; } = [];

        public ArmObservations ToObservations(string arm) => new(
            arm,
            ModelRequests.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key).FirstOrDefault() ?? string.Empty,
            Versions.ToArray(),
            Units, Requests, Failed, Impressions,
            Tasks.Select(t => new TaskObservations(t.Key, t.Value.Outcomes, t.Value.Moments, Bins.GetValueOrDefault(t.Key) ?? [], Covariates.GetValueOrDefault(t.Key))).ToArray(),
            Latency,
            Traffic,
            Gates.Select(g => new TaskGateObservations(
                g.Task,
                g.Items > 0 ? (Experts.GetValueOrDefault(g.Task) ?? []).Select(w => w / g.Items).ToArray() : [],
                g.Share)).ToArray(),
            Preferences: Preferences);
    }
}
