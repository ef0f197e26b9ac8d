using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// The store in one SQLite file (<c>experiments.db</c> under <see cref="StorageOptions.DataDirectory"/>), in WAL mode
/// so the scorecard reads while the writer commits, with a busy timeout so concurrent writers (exposure writer and
/// <c>POST /feedback</c>) wait for each other instead of failing. One replica only: use PostgreSQL for more.
/// </summary>
public sealed class SqliteExperimentStore : IExperimentStore, IDisposable
{
    private static readonly string[] ExposureColumns =
        ["request_id", "experiment", "arm", "enrolled", "reason", "unit_hash", "model", "model_version", "tasks", "item_count", "mean_gates", "status_code", "latency_ms", "time_ms",
         "candidate_count", "concentrated_share"];

    private static readonly string[] ItemColumns = ["request_id", "item_id", "item_rank", "ctr", "satisfaction", "score"];

    private readonly SqlExperimentStore _sql;
    private readonly string _connectionString;
    private readonly string _directory;
    private readonly int _busyTimeoutMs;
    private volatile bool _walChecked;

    public SqliteExperimentStore(IOptions<StorageOptions> options, TimeProvider time, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = dataDirectory;
        _busyTimeoutMs = options.Value.CommandTimeoutSeconds * 1000;
        Path = System.IO.Path.Combine(dataDirectory, "experiments.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = options.Value.CommandTimeoutSeconds,
        }.ToString();
        _sql = new SqlExperimentStore(OpenAsync, migrationLockSql: null, options.Value, time);
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public Task InitializeAsync(CancellationToken cancellationToken) => _sql.InitializeAsync(cancellationToken);

    public Task<int> WriteExposuresAsync(IReadOnlyList<ExposureEvent> exposures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        return _sql.RunAsync("write exposures", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var exposure = _sql.Command(connection, transaction, """
                INSERT INTO exposures (request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, tasks,
                                       item_count, mean_gates, status_code, latency_ms, time_ms, candidate_count, concentrated_share)
                VALUES (@request_id, @experiment, @arm, @enrolled, @reason, @unit_hash, @model, @model_version, @tasks,
                        @item_count, @mean_gates, @status_code, @latency_ms, @time_ms, @candidate_count, @concentrated_share)
                ON CONFLICT (request_id) DO NOTHING
                """);
            var e = ExposureColumns.Select(c => SqlExperimentStore.Parameter(exposure, c, null)).ToArray();
            await using var item = _sql.Command(connection, transaction, """
                INSERT INTO exposure_items (request_id, item_id, item_rank, ctr, satisfaction, score)
                VALUES (@request_id, @item_id, @item_rank, @ctr, @satisfaction, @score)
                ON CONFLICT (request_id, item_id) DO NOTHING
                """);
            var i = ItemColumns.Select(c => SqlExperimentStore.Parameter(item, c, null)).ToArray();

            var written = 0;
            foreach (var x in exposures)
            {
                object?[] values = [x.RequestId, x.Experiment, x.Arm, x.Enrolled ? 1 : 0, x.Reason.ToString(), x.UnitHash, x.Model, x.ModelVersion,
                    ExposureRows.Tasks(x), x.Items.Count, ExposureRows.MeanGates(x), x.StatusCode, x.LatencyMs, x.Time.ToUnixTimeMilliseconds(),
                    x.Candidates, ExposureRows.ConcentratedShare(x)];
                for (var c = 0; c < values.Length; c++)
                {
                    e[c].Value = values[c] ?? DBNull.Value;
                }

                if (await exposure.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    continue;   // request id already stored: the first exposure stands
                }

                written++;
                foreach (var shown in x.Items)
                {
                    object?[] itemValues = [x.RequestId, shown.ItemId, shown.Rank, ExposureRows.Prediction(x, shown, "ctr"), ExposureRows.Prediction(x, shown, "satisfaction"), shown.Score];
                    for (var c = 0; c < itemValues.Length; c++)
                    {
                        i[c].Value = itemValues[c] ?? DBNull.Value;
                    }

                    await item.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return written;
        }, cancellationToken);
    }

    public Task<FeedbackWriteResult> WriteFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken) =>
        _sql.WriteFeedbackAsync(events, cancellationToken);

    public Task<IReadOnlyList<ArmObservations>> ReadArmObservationsAsync(string experiment, CancellationToken cancellationToken) =>
        _sql.ReadArmObservationsAsync(experiment, cancellationToken);

    public Task<long> CountOrphanedFeedbackAsync(CancellationToken cancellationToken) => _sql.CountOrphanedFeedbackAsync(cancellationToken);

    public Task<StoredExposure?> FindExposureAsync(string requestId, CancellationToken cancellationToken) =>
        _sql.FindExposureAsync(requestId, cancellationToken);

    public void Dispose() => _sql.Dispose();

    private async Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();

            // busy_timeout is per connection; journal_mode=WAL is stored in the file, so set it once per process.
            pragma.CommandText = _walChecked
                ? $"PRAGMA busy_timeout = {_busyTimeoutMs}"
                : $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA journal_mode = WAL";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            _walChecked = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
