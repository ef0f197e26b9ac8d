using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// One SQLite file in WAL mode, so the scorecard reads while the writer commits, with a busy timeout so concurrent
/// writers (exposure writer and <c>POST /feedback</c>) wait for each other instead of failing. Bulk inserts are one
/// prepared statement run per row: in-process, a row costs microseconds. One replica only: use PostgreSQL for more.
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    private readonly string _connectionString;
    private readonly string _directory;
    private readonly int _busyTimeoutMs;
    private volatile bool _walChecked;

    public SqliteDialect(string directory, int commandTimeoutSeconds)
    {
        _directory = directory;
        _busyTimeoutMs = commandTimeoutSeconds * 1000;
        Path = System.IO.Path.Combine(directory, "experiments.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = commandTimeoutSeconds,
        }.ToString();
    }

    public string Path { get; }

    public override string Name => "SQLite";

    public override string? MigrationLockSql => null;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
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

    public override async Task<List<object[]>> InsertAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows,
        string conflict, string? returning, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var written = new List<object[]>();
        if (rows.Count == 0)
        {
            return written;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = timeoutSeconds;
        command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))}) {conflict}" +
            (returning is null ? string.Empty : " RETURNING " + returning);
        var parameters = columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                parameters[c].Value = row[c] ?? DBNull.Value;
            }

            if (returning is null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                written.Add(values);
            }
        }

        return written;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
