using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// PostgreSQL, for several replicas sharing one experiment. A bulk insert is one
/// <c>INSERT ... SELECT FROM unnest(arrays)</c> per table and batch (one round trip whatever the batch size);
/// migrations take an advisory lock so replicas starting together migrate once.
/// </summary>
internal sealed class PostgresDialect(string connectionString) : StoreDialect
{
    /// <summary>Arbitrary constant naming this schema's migration lock.</summary>
    private const long MigrationLockKey = 0x6d6d6f65_00000001;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "PostgreSQL";

    public override string? MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    public override string IdsSource => "SELECT unnest(@ids)";

    public override object IdsValue(IReadOnlyList<string> ids) => ids.ToArray();

    public override string ShowsItem(string items, string itemId) =>
        $"EXISTS (SELECT 1 FROM json_array_elements_text(CAST({items} AS json) -> 'ids') AS shown(id) WHERE shown.id = {itemId})";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task<List<object[]>> InsertAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows,
        string conflict, string? returning, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var written = new List<object[]>();
        if (rows.Count == 0)
        {
            return written;
        }

        await using var command = new NpgsqlCommand { Connection = (NpgsqlConnection)connection, Transaction = (NpgsqlTransaction)transaction };
        command.CommandTimeout = timeoutSeconds;
        var names = string.Join(", ", columns.Select(c => c.Name));
        command.CommandText =
            $"INSERT INTO {table} ({names}) SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))}) {conflict}" +
            (returning is null ? string.Empty : " RETURNING " + returning);
        for (var c = 0; c < columns.Count; c++)
        {
            command.Parameters.Add(new NpgsqlParameter("p" + c.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Array | TypeOf(columns[c].Type))
            {
                Value = Array(columns[c].Type, rows, c),
            });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            written.Add(values);
        }

        return written;
    }

    /// <summary>Binary <c>COPY ... FROM STDIN</c>, PostgreSQL's fastest way in; it joins the connection's open transaction.</summary>
    public override async Task CopyAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows,
        int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        importer.Timeout = TimeSpan.FromSeconds(timeoutSeconds);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var c = 0; c < columns.Count; c++)
            {
                var value = row[c];
                switch (value is null ? (ColumnType?)null : columns[c].Type)
                {
                    case null:
                        await importer.WriteNullAsync(cancellationToken);
                        break;
                    case ColumnType.Text:
                        await importer.WriteAsync(Text(value)!, NpgsqlDbType.Text, cancellationToken);
                        break;
                    case ColumnType.Integer:
                        await importer.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, cancellationToken);
                        break;
                    case ColumnType.BigInt:
                        await importer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    default:
                        await importer.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, cancellationToken);
                        break;
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// No parallel workers for the write path's statements: they touch a few hundred keys, and on a store of a million
    /// impressions the planner sent the pre-period lookup (made when new units enter) to a parallel hash join whose
    /// two workers took 80 ms to start and found nothing. Scorecard reads and migrations keep the server's setting.
    /// </summary>
    public override async Task PrepareWriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SET LOCAL max_parallel_workers_per_gather = 0", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// <c>ANALYZE</c>: until autovacuum gets to a freshly loaded table, the planner has no statistics for it, treats
    /// <c>request_id IN (SELECT unnest(@ids))</c> as matching half the table and answers it with a sequential scan
    /// (measured: 163 ms per feedback lookup on a 1M-impression store, against 0.3 ms once analysed).
    /// </summary>
    public override async Task AnalyzeAsync(DbConnection connection, IReadOnlyList<string> tables, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("ANALYZE " + string.Join(", ", tables), (NpgsqlConnection)connection) { CommandTimeout = timeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlDbType TypeOf(ColumnType type) => type switch
    {
        ColumnType.Text => NpgsqlDbType.Text,
        ColumnType.Integer => NpgsqlDbType.Integer,
        ColumnType.BigInt => NpgsqlDbType.Bigint,
        _ => NpgsqlDbType.Double,
    };

    private static Array Array(ColumnType type, IReadOnlyList<object?[]> rows, int column) => type switch
    {
        ColumnType.Text => rows.Select(r => Text(r[column])).ToArray(),
        ColumnType.Integer => rows.Select(r => r[column] is null ? (int?)null : Convert.ToInt32(r[column], CultureInfo.InvariantCulture)).ToArray(),
        ColumnType.BigInt => rows.Select(r => r[column] is null ? (long?)null : Convert.ToInt64(r[column], CultureInfo.InvariantCulture)).ToArray(),
        _ => rows.Select(r => r[column] is null ? (double?)null : Convert.ToDouble(r[column], CultureInfo.InvariantCulture)).ToArray(),
    };

    /// <summary>A text value given as a string or as its UTF-8 bytes (see <see cref="Column"/>).</summary>
    private static string? Text(object? value) => value is byte[] utf8 ? System.Text.Encoding.UTF8.GetString(utf8) : (string?)value;
}
