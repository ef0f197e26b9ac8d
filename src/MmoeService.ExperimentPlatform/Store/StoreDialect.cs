using System.Data.Common;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// A column of a bulk insert: its name and portable type (PostgreSQL needs the type to build arrays). A
/// <see cref="ColumnType.Text"/> value is a string or its UTF-8 bytes (byte[]): SQLite binds the bytes as they are,
/// which spares a large value (packed items) its round trip through UTF-16.
/// </summary>
internal sealed record Column(string Name, ColumnType Type);

internal enum ColumnType
{
    Text,
    Integer,
    BigInt,
    Double,
}

/// <summary>
/// What differs between the two databases, and nothing else: opening a connection, the lock that serialises
/// migrations across replicas, and how many rows go into one statement. Every other statement is shared text.
/// </summary>
internal abstract class StoreDialect : IAsyncDisposable
{
    /// <summary>Human-readable name for logs.</summary>
    public abstract string Name { get; }

    /// <summary>SQL taken inside the migration transaction so replicas starting together migrate once; null when the file lock does it.</summary>
    public abstract string? MigrationLockSql { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="rows"/> (values in <paramref name="columns"/> order) with <paramref name="conflict"/>
    /// (an <c>ON CONFLICT ...</c> clause) and returns the <paramref name="returning"/> columns of every row written.
    /// Keys must be unique within <paramref name="rows"/>: one statement may not touch a row twice.
    /// </summary>
    public abstract Task<List<object[]>> InsertAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows,
        string conflict, string? returning, int timeoutSeconds, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="rows"/> to <paramref name="table"/> in bulk, for rows known to be new (a key already
    /// stored fails the statement, and with it the transaction). By default a plain multi-row insert.
    /// </summary>
    public virtual Task CopyAsync(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows,
        int timeoutSeconds, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, table, columns, rows, conflict: string.Empty, returning: null, timeoutSeconds, cancellationToken);

    /// <summary>Settles how the write transaction just begun runs its statements; by default nothing.</summary>
    public virtual Task PrepareWriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Refreshes the planner's statistics of <paramref name="tables"/> after a bulk load. By default nothing: SQLite
    /// without statistics assumes an index lookup is selective, which is right for every lookup the store makes.
    /// </summary>
    public virtual Task AnalyzeAsync(DbConnection connection, IReadOnlyList<string> tables, int timeoutSeconds, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// A row source of the request ids in parameter <c>@ids</c>, for <c>request_id IN (...)</c>: one parameter
    /// whatever the count, so a lookup is one statement with no parameter limit to respect.
    /// </summary>
    public abstract string IdsSource { get; }

    /// <summary>The value of <c>@ids</c> for <see cref="IdsSource"/>.</summary>
    public abstract object IdsValue(IReadOnlyList<string> ids);

    /// <summary>
    /// A condition true when the packed items in column <paramref name="items"/> (<see cref="ShownItemsJson"/>) hold
    /// the id <paramref name="itemId"/>; false for NULL (an exposure that showed nothing).
    /// </summary>
    public abstract string ShowsItem(string items, string itemId);

    public abstract ValueTask DisposeAsync();
}
