using System.Data.Common;
using System.Globalization;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// The rollup changes of one write transaction, gathered in memory and applied at its end as additive upserts, so a
/// batch touches each rollup row once. Per unit and task it adds (n, y) = (labeled, positives); the arm's unit moments
/// (K, Σy, Σn, Σy², Σn², Σyn) then change by the difference between the unit's new and old (n, y), which the
/// upsert returns. Labels are added with sign +1 and withdrawn with -1 (a later feedback event replacing an earlier one).
/// </summary>
internal sealed class RollupBatch
{
    private static readonly Column Experiment = new("experiment", ColumnType.Text);
    private static readonly Column Arm = new("arm", ColumnType.Text);
    private static readonly Column Task = new("task", ColumnType.Text);

    // The additive rollup tables: key columns, then the sums an upsert adds to the stored row. A new kind of
    // rollup is one declaration here, one dictionary filled by AddExposure or AddLabel, and one AddAsync in FlushAsync.
    private static readonly SumTable ArmTable = new("rollup_arm", [Experiment, Arm], [Count("requests"), Count("failed"), Count("impressions"), Count("units")]);
    private static readonly SumTable ModelTable = new("rollup_model", [Experiment, Arm, new("model", ColumnType.Text), new("model_version", ColumnType.Integer)], [Count("requests")]);
    private static readonly SumTable TrafficTable = new("rollup_traffic", [Experiment, Arm, new("minute_ms", ColumnType.BigInt)], [Count("requests")]);
    private static readonly SumTable LatencyTable = new("rollup_latency_bin", [Experiment, Arm, new("bin", ColumnType.Integer)], [Count("requests")]);
    private static readonly SumTable GateTable = new("rollup_gate", [Experiment, Arm, Task], [Count("items"), Sum("concentrated"), Count("candidates")],
        SetOnInsert: [new("task_index", ColumnType.Integer)]);
    private static readonly SumTable ExpertTable = new("rollup_gate_expert", [Experiment, Arm, Task, new("expert", ColumnType.Integer)], [Sum("weighted")]);
    private static readonly SumTable TaskTable = new("rollup_task", [Experiment, Arm, Task],
        [Count("units"), Sum("sum_y"), Sum("sum_n"), Sum("sum_yy"), Sum("sum_nn"), Sum("sum_yn"), Sum("sum_predicted"), Count("predicted")]);
    private static readonly SumTable PreferenceTable = new("rollup_preference", [Experiment, Arm, Task], [Sum("prefer_treatment"), Sum("prefer_control"), Sum("sum_d"), Sum("sum_dd")]);
    private static readonly SumTable PredictionBinTable = new("rollup_prediction_bin", [Experiment, Arm, Task, new("bin", ColumnType.Integer)], [Count("positives"), Count("negatives")]);

    private readonly Dictionary<(string E, string A), (long Requests, long Failed, long Impressions)> _arms = [];
    private readonly HashSet<(string E, string A, string Unit)> _units = [];
    private readonly Dictionary<(string E, string A, string Model, int Version), long> _models = [];
    private readonly Dictionary<(string E, string A, long Minute), long> _traffic = [];
    private readonly Dictionary<(string E, string A, int Bin), long> _latency = [];
    private readonly Dictionary<(string E, string A, string Task), (int Index, long Items, double Concentrated, long Candidates)> _gates = [];
    private readonly Dictionary<(string E, string A, string Task, int Expert), double> _experts = [];
    private readonly Dictionary<(string E, string A, string Unit, string Task), (long N, long Y)> _unitTasks = [];
    private readonly Dictionary<(string E, string A, string Task), TaskSums> _tasks = [];
    private readonly Dictionary<(string E, string A, string Task, int Bin), (long Positives, long Negatives)> _bins = [];
    private readonly Dictionary<(string E, string A, string Unit, string Task), (long Treatment, long Control)> _credits = [];

    private readonly PreperiodRollup _preperiod = new();
    private readonly FineTrafficRollup _fineTraffic = new();

    public bool IsEmpty => _arms.Count == 0 && _unitTasks.Count == 0 && _credits.Count == 0;

    /// <summary>False while a migration rebuilds an older schema version that has no pre-period or fine-traffic tables yet.</summary>
    public bool WithCovariates { get; init; } = true;

    /// <summary>The requests the scorecard analyses: enrolled by hash in an experiment (overrides and stopped traffic are served, not analysed).</summary>
    public static bool Analysed(string? experiment, bool enrolled, string reason) =>
        experiment is not null && enrolled && reason == nameof(Serving.Routing.AssignmentReason.Hash);

    public void AddExposure(ExposureEvent x)
    {
        var e = x.Experiment!;
        var a = x.Arm;
        var arm = _arms.GetValueOrDefault((e, a));
        _arms[(e, a)] = (arm.Requests + 1, arm.Failed + (x.StatusCode == 200 ? 0 : 1), arm.Impressions + x.Items.Count);
        _units.Add((e, a, x.UnitHash));
        Add(_models, (e, a, x.Model, x.ModelVersion ?? -1), 1);
        var timeMs = x.Time.ToUnixTimeMilliseconds();
        Add(_traffic, (e, a, timeMs - (((timeMs % 60_000) + 60_000) % 60_000)), 1);
        Add(_latency, (e, a, LatencyBins.Of(x.LatencyMs)), 1);
        _preperiod.AddExposure(e, x.Time);
        _fineTraffic.AddExposure(e, a, x.Time);

        var gateTasks = Math.Max(x.MeanGates?.Count ?? 0, x.ConcentratedShare?.Count ?? 0);
        for (var t = 0; t < Math.Min(gateTasks, x.Tasks.Count); t++)
        {
            var key = (e, a, x.Tasks[t]);
            var gate = _gates.TryGetValue(key, out var seen) ? seen : (t, 0L, 0.0, 0L);
            if (x.MeanGates is { } means && t < means.Count && x.Items.Count > 0)
            {
                // Weighted by returned items, so the arm's figure is a mean over impressions.
                gate.Item2 += x.Items.Count;
                for (var k = 0; k < means[t].Length; k++)
                {
                    Add(_experts, (e, a, x.Tasks[t], k), means[t][k] * (double)x.Items.Count);
                }
            }

            if (x.ConcentratedShare is { } shares && t < shares.Count && x.Candidates > 0)
            {
                // Weighted by scored candidates: a request scoring 500 counts 50 times as much as one scoring 10.
                gate.Item3 += shares[t] * (double)x.Candidates;
                gate.Item4 += x.Candidates;
            }

            _gates[key] = gate;
        }
    }

    /// <summary>Adds (<paramref name="sign"/> = 1) or withdraws (-1) one labeled impression of one task.</summary>
    public void AddLabel(string experiment, string arm, string unit, string task, bool outcome, double? prediction, int sign)
    {
        var unitKey = (experiment, arm, unit, task);
        var unitTask = _unitTasks.GetValueOrDefault(unitKey);
        _unitTasks[unitKey] = (unitTask.N + sign, unitTask.Y + (outcome ? sign : 0));
        var sums = Sums((experiment, arm, task));
        if (prediction is { } p)
        {
            sums.SumPredicted += sign * p;
            sums.Predicted += sign;
            var bin = _bins.GetValueOrDefault((experiment, arm, task, PredictionBins.Of(p)));
            _bins[(experiment, arm, task, PredictionBins.Of(p))] = outcome ? (bin.Positives + sign, bin.Negatives) : (bin.Positives, bin.Negatives + sign);
        }
    }

    /// <summary>
    /// Credits (<paramref name="sign"/> = 1) or withdraws (-1) a positive outcome of one interleaved item to the team
    /// that placed it; a negative outcome credits nobody.
    /// </summary>
    public void AddCredit(string experiment, string arm, string unit, string task, Team team, bool outcome, int sign)
    {
        if (!outcome)
        {
            return;
        }

        var key = (experiment, arm, unit, task);
        var credit = _credits.GetValueOrDefault(key);
        _credits[key] = team == Team.Treatment ? (credit.Treatment + sign, credit.Control) : (credit.Treatment, credit.Control + sign);
    }

    public async Task FlushAsync(StoreDialect dialect, DbConnection connection, DbTransaction transaction, int timeout, CancellationToken cancellationToken)
    {
        var newUnits = await dialect.InsertAsync(connection, transaction, "rollup_unit", [Experiment, Arm, new("unit_hash", ColumnType.Text)],
            _units.Select(u => new object?[] { u.E, u.A, u.Unit }).ToArray(), "ON CONFLICT (experiment, arm, unit_hash) DO NOTHING", "experiment, arm, unit_hash",
            timeout, cancellationToken);
        if (WithCovariates)
        {
            await _preperiod.AddStartsAsync(dialect, connection, transaction, timeout, cancellationToken);
            await _preperiod.AddUnitsAsync(dialect, connection, transaction, newUnits.Select(r => ((string)r[0], (string)r[2])), timeout, cancellationToken);
            await _fineTraffic.FlushAsync(dialect, connection, transaction, _preperiod.Starts, timeout, cancellationToken);
        }

        var unitsPerArm = newUnits.GroupBy(r => ((string)r[0], (string)r[1])).ToDictionary(g => g.Key, g => (long)g.Count());
        await AddAsync(ArmTable,
            _arms.Select(x => new object?[] { x.Key.E, x.Key.A, x.Value.Requests, x.Value.Failed, x.Value.Impressions, unitsPerArm.GetValueOrDefault(x.Key) }));
        await AddAsync(ModelTable, _models.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Model, x.Key.Version, x.Value }));
        await AddAsync(TrafficTable, _traffic.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Minute, x.Value }));
        await AddAsync(LatencyTable, _latency.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Bin, x.Value }));
        await AddAsync(GateTable, _gates.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Task, x.Value.Items, x.Value.Concentrated, x.Value.Candidates, x.Value.Index }));
        await AddAsync(ExpertTable, _experts.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Task, x.Key.Expert, x.Value }));

        var unitKeys = _unitTasks.Where(x => x.Value != default).ToArray();
        var updated = await dialect.InsertAsync(connection, transaction, "rollup_unit_task",
            [Experiment, Arm, new("unit_hash", ColumnType.Text), Task, new("n", ColumnType.BigInt), new("y", ColumnType.BigInt)],
            unitKeys.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Unit, x.Key.Task, x.Value.N, x.Value.Y }).ToArray(),
            "ON CONFLICT (experiment, arm, unit_hash, task) DO UPDATE SET n = rollup_unit_task.n + excluded.n, y = rollup_unit_task.y + excluded.y",
            "experiment, arm, unit_hash, task, n, y", timeout, cancellationToken);
        foreach (var row in updated)
        {
            var key = ((string)row[0], (string)row[1], (string)row[2], (string)row[3]);
            var (n, y) = (Convert.ToDouble(row[4], CultureInfo.InvariantCulture), Convert.ToDouble(row[5], CultureInfo.InvariantCulture));
            var delta = _unitTasks[key];
            var (n0, y0) = (n - delta.N, y - delta.Y);
            var sums = Sums((key.Item1, key.Item2, key.Item4));
            sums.Units += (n > 0 ? 1 : 0) - (n0 > 0 ? 1 : 0);
            sums.SumY += y - y0;
            sums.SumN += n - n0;
            sums.SumYY += (y * y) - (y0 * y0);
            sums.SumNN += (n * n) - (n0 * n0);
            sums.SumYN += (y * n) - (y0 * n0);
            _preperiod.AddUnitChange(key.Item1, key.Item2, key.Item3, key.Item4, n0, y0, n, y);
        }

        if (WithCovariates)
        {
            await _preperiod.FlushAsync(dialect, connection, transaction, timeout, cancellationToken);
        }

        await AddAsync(TaskTable, _tasks.Select(x => new object?[]
        {
            x.Key.E, x.Key.A, x.Key.Task, x.Value.Units, x.Value.SumY, x.Value.SumN, x.Value.SumYY, x.Value.SumNN, x.Value.SumYN, x.Value.SumPredicted, x.Value.Predicted,
        }));
        await AddAsync(PredictionBinTable,
            _bins.Where(x => x.Value != default).Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Task, x.Key.Bin, x.Value.Positives, x.Value.Negatives }));

        await FlushCreditsAsync(dialect, connection, transaction, timeout, cancellationToken);

        Task AddAsync(SumTable table, IEnumerable<object?[]> rows) =>
            dialect.InsertAsync(connection, transaction, table.Name, table.Columns, rows.ToArray(), table.Upsert, returning: null, timeout, cancellationToken);
    }

    /// <summary>
    /// Adds the credits per unit, then moves the arm's preference sums by the difference between each unit's new and
    /// old credit difference d = treatment - control (the upsert returns the new credits), as the unit moments do.
    /// </summary>
    private async Task FlushCreditsAsync(StoreDialect dialect, DbConnection connection, DbTransaction transaction, int timeout, CancellationToken cancellationToken)
    {
        var changed = _credits.Where(x => x.Value != default).ToArray();
        if (changed.Length == 0)
        {
            return;
        }

        var updated = await dialect.InsertAsync(connection, transaction, "rollup_unit_credit",
            [Experiment, Arm, new("unit_hash", ColumnType.Text), Task, new("treatment", ColumnType.BigInt), new("control", ColumnType.BigInt)],
            changed.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Unit, x.Key.Task, x.Value.Treatment, x.Value.Control }).ToArray(),
            "ON CONFLICT (experiment, arm, unit_hash, task) DO UPDATE SET treatment = rollup_unit_credit.treatment + excluded.treatment, control = rollup_unit_credit.control + excluded.control",
            "experiment, arm, unit_hash, task, treatment, control", timeout, cancellationToken);
        var preferences = new Dictionary<(string E, string A, string Task), (double Treatment, double Control, double Sum, double Squares)>();
        foreach (var row in updated)
        {
            var key = ((string)row[0], (string)row[1], (string)row[2], (string)row[3]);
            var d = Convert.ToDouble(row[4], CultureInfo.InvariantCulture) - Convert.ToDouble(row[5], CultureInfo.InvariantCulture);
            var delta = _credits[key];
            var d0 = d - (delta.Treatment - delta.Control);
            var sums = preferences.GetValueOrDefault((key.Item1, key.Item2, key.Item4));
            preferences[(key.Item1, key.Item2, key.Item4)] = (
                sums.Treatment + (d > 0 ? 1 : 0) - (d0 > 0 ? 1 : 0),
                sums.Control + (d < 0 ? 1 : 0) - (d0 < 0 ? 1 : 0),
                sums.Sum + d - d0,
                sums.Squares + (d * d) - (d0 * d0));
        }

        await dialect.InsertAsync(connection, transaction, PreferenceTable.Name, PreferenceTable.Columns,
            preferences.Select(x => new object?[] { x.Key.E, x.Key.A, x.Key.Task, x.Value.Treatment, x.Value.Control, x.Value.Sum, x.Value.Squares }).ToArray(),
            PreferenceTable.Upsert, returning: null, timeout, cancellationToken);
    }

    private static Column Count(string name) => new(name, ColumnType.BigInt);

    private static Column Sum(string name) => new(name, ColumnType.Double);

    private static void Add<TKey>(Dictionary<TKey, long> map, TKey key, long value)
        where TKey : notnull => map[key] = map.GetValueOrDefault(key) + value;

    private static void Add<TKey>(Dictionary<TKey, double> map, TKey key, double value)
        where TKey : notnull => map[key] = map.GetValueOrDefault(key) + value;

    private TaskSums Sums((string, string, string) key)
    {
        if (!_tasks.TryGetValue(key, out var sums))
        {
            sums = new TaskSums();
            _tasks[key] = sums;
        }

        return sums;
    }

    /// <summary>
    /// An additive rollup table. Rows are its key columns, then its sums, then the columns set on insert only (a
    /// gate's task order: the first batch to see the task sets it); an upsert adds each sum to the stored one.
    /// </summary>
    private sealed record SumTable(string Name, Column[] Keys, Column[] Sums, Column[]? SetOnInsert = null)
    {
        public Column[] Columns { get; } = [.. Keys, .. Sums, .. SetOnInsert ?? []];

        public string Upsert { get; } = $"ON CONFLICT ({string.Join(", ", Keys.Select(k => k.Name))}) DO UPDATE SET " +
            string.Join(", ", Sums.Select(v => $"{v.Name} = {Name}.{v.Name} + excluded.{v.Name}"));
    }

    private sealed class TaskSums
    {
        public long Units { get; set; }

        public double SumY { get; set; }

        public double SumN { get; set; }

        public double SumYY { get; set; }

        public double SumNN { get; set; }

        public double SumYN { get; set; }

        public double SumPredicted { get; set; }

        public long Predicted { get; set; }
    }
}
