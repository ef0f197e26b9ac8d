using System.Data.Common;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>
/// Requests per <see cref="BucketMs"/> during an experiment's first <see cref="WindowMs"/> (from its start in
/// <c>rollup_experiment</c>): enough points for a short run's traffic line, at most 720 rows per arm however long
/// the experiment runs. Later traffic is in the per-minute rollup only.
/// </summary>
internal sealed class FineTrafficRollup
{
    public const long BucketMs = 5_000;

    public const long WindowMs = 3_600_000;

    private readonly List<(string E, string A, long TimeMs)> _requests = [];

    public void AddExposure(string experiment, string arm, DateTimeOffset time) => _requests.Add((experiment, arm, time.ToUnixTimeMilliseconds()));

    public async Task FlushAsync(
        StoreDialect dialect, DbConnection connection, DbTransaction transaction, IReadOnlyDictionary<string, long> starts, int timeout, CancellationToken cancellationToken)
    {
        var buckets = _requests
            .Where(r => starts.TryGetValue(r.E, out var start) && r.TimeMs < start + WindowMs)
            .GroupBy(r => (r.E, r.A, Bucket: r.TimeMs - (((r.TimeMs % BucketMs) + BucketMs) % BucketMs)))
            .Select(g => new object?[] { g.Key.E, g.Key.A, g.Key.Bucket, (long)g.Count() })
            .ToArray();
        await dialect.InsertAsync(connection, transaction, "rollup_traffic_fine",
            [new("experiment", ColumnType.Text), new("arm", ColumnType.Text), new("bucket_ms", ColumnType.BigInt), new("requests", ColumnType.BigInt)],
            buckets, "ON CONFLICT (experiment, arm, bucket_ms) DO UPDATE SET requests = rollup_traffic_fine.requests + excluded.requests", null, timeout, cancellationToken);
    }
}
