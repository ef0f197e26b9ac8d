using System.Data.Common;
using System.Globalization;
using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// The CUPED covariate of every enrolled unit, maintained with the rest of the rollups. An experiment starts at its
/// first analysed exposure (<c>rollup_experiment</c>, set by the first batch that stores one). When a unit enters an
/// experiment, its pre-period is read once from the raw rows: labeled impressions and positives per task over the
/// items served to the same unit hash before the start, in any arm of any other experiment or outside experiments,
/// whose feedback is also timed before the start. The unit hash is the keyed hash of the user id, the same in every
/// experiment, so that history is the user's own and was produced before the arm was drawn: a pre-treatment
/// covariate, never a prediction. Fixed at entry, it cannot depend on the arm. The covariate x is the pre-period rate
/// (positives / labeled); a unit without pre-period labels has m = 1 and x = 0 (see <see cref="CovariateSums"/>).
/// The per-arm sums of <see cref="CovariateSums"/> then change with each unit's in-experiment (n, y), like the
/// unit moments: by the unit's contribution after minus before.
/// </summary>
internal sealed class PreperiodRollup
{
    private readonly Dictionary<string, long> _firstExposure = new(StringComparer.Ordinal);
    private readonly Dictionary<(string E, string A, string Task), double[]> _sums = [];
    private readonly List<(string E, string A, string Unit, string Task, double N0, double Y0, double N, double Y)> _changes = [];

    /// <summary>Starts of the experiments this batch exposed, once <see cref="AddStartsAsync"/> ran.</summary>
    public Dictionary<string, long> Starts { get; } = new(StringComparer.Ordinal);

    public void AddExposure(string experiment, DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        _firstExposure[experiment] = _firstExposure.TryGetValue(experiment, out var seen) ? Math.Min(seen, ms) : ms;
    }

    /// <summary>One unit's (n, y) of one task went from (n0, y0) to (n, y).</summary>
    public void AddUnitChange(string experiment, string arm, string unit, string task, double n0, double y0, double n, double y) =>
        _changes.Add((experiment, arm, unit, task, n0, y0, n, y));

    /// <summary>Records the start of experiments exposed for the first time and reads the starts of all exposed in this batch.</summary>
    public async Task AddStartsAsync(StoreDialect dialect, DbConnection connection, DbTransaction transaction, int timeout, CancellationToken cancellationToken)
    {
        if (_firstExposure.Count == 0)
        {
            return;
        }

        await dialect.InsertAsync(connection, transaction, "rollup_experiment", [new("experiment", ColumnType.Text), new("started_ms", ColumnType.BigInt)],
            _firstExposure.Select(x => new object?[] { x.Key, x.Value }).ToArray(), "ON CONFLICT (experiment) DO NOTHING", null, timeout, cancellationToken);
        foreach (var experiment in _firstExposure.Keys)
        {
            await QueryAsync(connection, transaction, timeout, "SELECT started_ms FROM rollup_experiment WHERE experiment = @e", [("e", experiment)],
                r => Starts[experiment] = ExperimentStore.Long(r, 0), cancellationToken);
        }
    }

    /// <summary>Reads and stores the pre-period of units that entered an experiment in this batch.</summary>
    public async Task AddUnitsAsync(
        StoreDialect dialect, DbConnection connection, DbTransaction transaction, IEnumerable<(string Experiment, string Unit)> entered, int timeout, CancellationToken cancellationToken)
    {
        foreach (var group in entered.Distinct().GroupBy(u => u.Experiment, StringComparer.Ordinal))
        {
            if (!Starts.TryGetValue(group.Key, out var start))
            {
                continue;
            }

            foreach (var chunk in group.Select(u => u.Unit).Chunk(500))
            {
                var rows = new List<object?[]>();
                var parameters = chunk.Select((u, i) => ("u" + i.ToString(CultureInfo.InvariantCulture), (object)u)).Append(("s", start)).Append(("e", group.Key)).ToArray();
                await QueryAsync(connection, transaction, timeout, $"""
                    SELECT e.unit_hash, o.task, COUNT(*), SUM(o.outcome)
                    FROM exposures e
                    JOIN feedback f ON f.request_id = e.request_id AND f.time_ms < @s
                    JOIN feedback_outcomes o ON o.request_id = f.request_id AND o.item_id = f.item_id
                    WHERE {dialect.ShowsItem("e.items", "f.item_id")} AND e.unit_hash IN ({string.Join(", ", chunk.Select((_, i) => "@u" + i.ToString(CultureInfo.InvariantCulture)))})
                      AND e.time_ms < @s AND (e.experiment IS NULL OR e.experiment <> @e)
                    GROUP BY e.unit_hash, o.task
                    """, parameters, r => rows.Add([group.Key, r.GetString(0), r.GetString(1), ExperimentStore.Long(r, 2), ExperimentStore.Long(r, 3)]), cancellationToken);
                await dialect.InsertAsync(connection, transaction, "rollup_preperiod",
                    [new("experiment", ColumnType.Text), new("unit_hash", ColumnType.Text), new("task", ColumnType.Text), new("n", ColumnType.BigInt), new("y", ColumnType.BigInt)],
                    rows, "ON CONFLICT (experiment, unit_hash, task) DO NOTHING", null, timeout, cancellationToken);
            }
        }
    }

    /// <summary>Turns the unit changes into changes of the per-arm covariate sums and adds them to the store.</summary>
    public async Task FlushAsync(StoreDialect dialect, DbConnection connection, DbTransaction transaction, int timeout, CancellationToken cancellationToken)
    {
        if (_changes.Count == 0)
        {
            return;
        }

        var covariates = new Dictionary<(string E, string Unit, string Task), double>();
        foreach (var group in _changes.GroupBy(c => c.E, StringComparer.Ordinal))
        {
            foreach (var chunk in group.Select(c => c.Unit).Distinct(StringComparer.Ordinal).Chunk(500))
            {
                var parameters = chunk.Select((u, i) => ("u" + i.ToString(CultureInfo.InvariantCulture), (object)u)).Append(("e", group.Key)).ToArray();
                await QueryAsync(connection, transaction, timeout,
                    $"SELECT unit_hash, task, n, y FROM rollup_preperiod WHERE experiment = @e AND n > 0 AND unit_hash IN ({string.Join(", ", chunk.Select((_, i) => "@u" + i.ToString(CultureInfo.InvariantCulture)))})",
                    parameters, r => covariates[(group.Key, r.GetString(0), r.GetString(1))] = ExperimentStore.Double(r, 3) / ExperimentStore.Double(r, 2), cancellationToken);
            }
        }

        foreach (var c in _changes)
        {
            double? x = covariates.TryGetValue((c.E, c.Unit, c.Task), out var value) ? value : null;
            var key = (c.E, c.A, c.Task);
            if (!_sums.TryGetValue(key, out var sums))
            {
                _sums[key] = sums = new double[7];
            }

            Contribute(sums, x, c.N, c.Y, +1);
            Contribute(sums, x, c.N0, c.Y0, -1);
        }

        await dialect.InsertAsync(connection, transaction, "rollup_task_covariate",
            [
                new("experiment", ColumnType.Text), new("arm", ColumnType.Text), new("task", ColumnType.Text),
                .. Columns.Select(c => new Column(c, ColumnType.Double)),
            ],
            _sums.Select(s => (object?[])[s.Key.E, s.Key.A, s.Key.Task, .. s.Value.Cast<object?>()]).ToArray(),
            "ON CONFLICT (experiment, arm, task) DO UPDATE SET " + string.Join(", ", Columns.Select(c => $"{c} = rollup_task_covariate.{c} + excluded.{c}")),
            null, timeout, cancellationToken);
    }

    private static readonly string[] Columns = ["sum_x", "sum_xx", "sum_xy", "sum_xn", "missing", "missing_y", "missing_n"];

    // A unit counts in the sums while it has labeled impressions (n > 0), as in the unit moments.
    private static void Contribute(double[] sums, double? covariate, double n, double y, int sign)
    {
        if (n <= 0)
        {
            return;
        }

        var x = covariate ?? 0;
        var m = covariate is null ? 1 : 0;
        sums[0] += sign * x;
        sums[1] += sign * x * x;
        sums[2] += sign * x * y;
        sums[3] += sign * x * n;
        sums[4] += sign * m;
        sums[5] += sign * m * y;
        sums[6] += sign * m * n;
    }

    private static async Task QueryAsync(
        DbConnection connection, DbTransaction transaction, int timeout, string sql, IEnumerable<(string Name, object Value)> parameters, Action<DbDataReader> row,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = timeout;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
