using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// One SQLite file in WAL mode, so the scorecard reads while the writer commits, with a busy timeout so concurrent
/// writers (exposure writer and <c>POST /feedback</c>) wait for each other instead of failing. Bulk inserts are
/// multi-row <c>INSERT ... VALUES (...), (...)</c> statements of up to <see cref="MaxParameters"/> values each. One
/// replica only: use PostgreSQL for more.
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    /// <summary>
    /// Bound parameters per statement: SQLITE_MAX_VARIABLE_NUMBER is 32,766 since SQLite 3.32 and 999 before, so
    /// 999 holds on any build; one statement of 999 values already spreads its parsing over hundreds of rows.
    /// </summary>
    private const int MaxParameters = 999;

    /// <summary>The VALUES lists of statements seen, by (rows, columns): a batch reuses a handful of shapes.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Rows, int Columns), string> _tuples = new();

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

    /// <summary>A JSON array of the ids, read by the built-in <c>json_each</c>; strings round-trip exactly.</summary>
    public override string IdsSource => "SELECT value FROM json_each(@ids)";

    public override object IdsValue(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids);

    public override string ShowsItem(string items, string itemId) =>
        $"EXISTS (SELECT 1 FROM json_each({items}, '$.ids') WHERE value = {itemId})";

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

    /// <summary>
    /// Binds by position through the connection's native handle: Microsoft.Data.Sqlite binds by name, and SQLite
    /// finds a name by scanning the statement's parameters, which makes a statement of many rows quadratic.
    /// </summary>
    public override Task<List<object[]>> InsertAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows,
        string conflict, string? returning, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var written = new List<object[]>();
        var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        var names = string.Join(", ", columns.Select(c => c.Name));
        sqlite3_stmt? statement = null;
        var statementRows = 0;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(perStatement, rows.Count - start);
                if (count != statementRows)
                {
                    statement?.Dispose();
                    statement = null;
                    Check(db, raw.sqlite3_prepare_v2(db, $"INSERT INTO {table} ({names}) VALUES {Tuples(count, columns.Count)} {conflict}" +
                        (returning is null ? string.Empty : " RETURNING " + returning), out statement));
                    statementRows = count;
                }

                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        Check(db, Bind(statement!, (r * columns.Count) + c + 1, columns[c].Type, row[c]));
                    }
                }

                int step;
                while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var values = new object[raw.sqlite3_column_count(statement)];
                    for (var c = 0; c < values.Length; c++)
                    {
                        values[c] = Read(statement!, c);
                    }

                    written.Add(values);
                }

                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }

                Check(db, raw.sqlite3_reset(statement));
            }
        }
        finally
        {
            statement?.Dispose();
        }

        return Task.FromResult(written);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary><c>(?, ?), (?, ?), ...</c> for <paramref name="rows"/> rows of <paramref name="columns"/> values.</summary>
    private string Tuples(int rows, int columns) => _tuples.GetOrAdd((rows, columns), key =>
        string.Join(", ", Enumerable.Repeat("(" + string.Join(", ", Enumerable.Repeat("?", key.Columns)) + ")", key.Rows)));

    private static int Bind(sqlite3_stmt statement, int index, ColumnType type, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        _ => type switch
        {
            ColumnType.Text => value is byte[] utf8 ? raw.sqlite3_bind_text(statement, index, utf8.AsSpan()) : raw.sqlite3_bind_text(statement, index, (string)value),
            ColumnType.Double => raw.sqlite3_bind_double(statement, index, Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            _ => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        },
    };

    /// <summary>A returned value as Microsoft.Data.Sqlite's <c>GetValue</c> gives it: long, double, string or DBNull.</summary>
    private static object Read(sqlite3_stmt statement, int column) => raw.sqlite3_column_type(statement, column) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, column),
        raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, column).utf8_to_string(),
        raw.SQLITE_NULL => DBNull.Value,
        _ => raw.sqlite3_column_blob(statement, column).ToArray(),
    };

    private static void Check(sqlite3 db, int code)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), code, raw.sqlite3_extended_errcode(db));
        }
    }
}
