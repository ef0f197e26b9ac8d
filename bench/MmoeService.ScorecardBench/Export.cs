using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using MmoeService.ExperimentPlatform.Store;
using Npgsql;
using Parquet.Serialization;

namespace MmoeService.ScorecardBench;

/// <summary>
/// Writes a store's raw rows as Parquet in Hive-style hourly partitions, one folder per table:
/// <c>exposures/date=2026-01-01/hour=07/part-00000.parquet</c>, likewise <c>impressions</c> (one row per shown item
/// and task with its prediction, partitioned by the exposure's time) and <c>outcomes</c> (one row per item and task
/// with its latest outcome, partitioned by the feedback's time). Spark, Trino, BigQuery and DuckDB read the folders
/// directly; docs/api.md gives the SQL that recomputes the scorecard's per-arm sums from them.
/// </summary>
internal static class Export
{
    private const int RowsPerFile = 500_000;

    public static async Task<int> RunAsync(string output, string? sqliteFile, string? postgres)
    {
        Func<Task<DbConnection>> open = postgres is not null
            ? async () => { var c = new NpgsqlConnection(postgres); await c.OpenAsync(); return c; }
            : async () => { var c = new SqliteConnection($"Data Source={sqliteFile};Mode=ReadOnly"); await c.OpenAsync(); return c; };

        var exposures = await WriteAsync(open, Path.Combine(output, "exposures"), """
            SELECT request_id, experiment, arm, enrolled, reason, unit_hash, model, model_version, status_code, latency_ms, time_ms, item_count
            FROM exposures ORDER BY time_ms, request_id
            """, r => new ExposureRow
        {
            RequestId = r.GetString(0), Experiment = r.IsDBNull(1) ? null : r.GetString(1), Arm = r.GetString(2), Enrolled = Long(r, 3) == 1,
            Reason = r.GetString(4), UnitHash = r.GetString(5), Model = r.GetString(6), ModelVersion = r.IsDBNull(7) ? null : (int)Long(r, 7),
            StatusCode = (int)Long(r, 8), LatencyMs = Double(r, 9), TimeMs = Long(r, 10), ItemCount = (int)Long(r, 11),
        }.Once(), x => x.TimeMs);
        var impressions = await WriteAsync(open, Path.Combine(output, "impressions"), """
            SELECT request_id, tasks, items, time_ms FROM exposures WHERE items IS NOT NULL ORDER BY time_ms, request_id
            """, Impressions, x => x.TimeMs);
        var outcomes = await WriteAsync(open, Path.Combine(output, "outcomes"), """
            SELECT o.request_id, o.item_id, o.task, o.outcome, f.time_ms
            FROM feedback_outcomes o JOIN feedback f ON f.request_id = o.request_id AND f.item_id = o.item_id
            ORDER BY f.time_ms, o.request_id, o.item_id
            """, r => new OutcomeRow
        {
            RequestId = r.GetString(0), ItemId = r.GetString(1), Task = r.GetString(2), Outcome = (int)Long(r, 3), TimeMs = Long(r, 4),
        }.Once(), x => x.TimeMs);
        Console.WriteLine($"exported {exposures:N0} exposures, {impressions:N0} impression rows, {outcomes:N0} outcome rows to {output}");
        return 0;
    }

    /// <summary>An exposure's packed items as one row per item and task with a prediction (one with no task for an item without any).</summary>
    private static IEnumerable<ImpressionRow> Impressions(DbDataReader r)
    {
        var tasks = r.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var rows = new List<ImpressionRow>();
        foreach (var item in ShownItemsJson.Read(r.GetString(2), tasks.Length))
        {
            var predicted = Enumerable.Range(0, tasks.Length).Where(t => !float.IsNaN(item.Predictions[t])).ToArray();
            rows.AddRange(predicted.Length == 0
                ? [new ImpressionRow { RequestId = r.GetString(0), ItemId = item.ItemId, ItemRank = item.Rank, TimeMs = Long(r, 3) }]
                : predicted.Select(t => new ImpressionRow
                {
                    RequestId = r.GetString(0), ItemId = item.ItemId, ItemRank = item.Rank, Task = tasks[t], Prediction = item.Predictions[t], TimeMs = Long(r, 3),
                }));
        }

        return rows;
    }

    private static IEnumerable<T> Once<T>(this T row) => [row];

    /// <summary>Streams the query's rows (ordered by time; each may give several) into one file per hour, at most <see cref="RowsPerFile"/> rows each.</summary>
    private static async Task<long> WriteAsync<T>(Func<Task<DbConnection>> open, string folder, string sql, Func<DbDataReader, IEnumerable<T>> map, Func<T, long> timeMs)
    {
        await using var connection = await open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync();
        var buffer = new List<T>();
        string? partition = null;
        var part = 0;
        long rows = 0;
        while (await reader.ReadAsync())
        {
            foreach (var row in map(reader))
            {
                var time = DateTimeOffset.FromUnixTimeMilliseconds(timeMs(row));
                var hour = string.Create(CultureInfo.InvariantCulture, $"date={time:yyyy-MM-dd}/hour={time:HH}");
                if (hour != partition || buffer.Count >= RowsPerFile)
                {
                    part = hour == partition ? part + 1 : 0;
                    await FlushAsync(folder, partition, part - (hour == partition ? 1 : 0), buffer);
                    partition = hour;
                }

                buffer.Add(row);
                rows++;
            }
        }

        await FlushAsync(folder, partition, part, buffer);
        return rows;
    }

    private static async Task FlushAsync<T>(string folder, string? partition, int part, List<T> buffer)
    {
        if (partition is null || buffer.Count == 0)
        {
            return;
        }

        var directory = Path.Combine(folder, partition);
        Directory.CreateDirectory(directory);
        await using var file = File.Create(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"part-{part:D5}.parquet")));
        await ParquetSerializer.SerializeAsync(buffer, file);
        buffer.Clear();
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static double Double(DbDataReader reader, int ordinal) => Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    internal sealed class ExposureRow
    {
        [JsonPropertyName("request_id")] public string RequestId { get; set; } = "";
        [JsonPropertyName("experiment")] public string? Experiment { get; set; }
        [JsonPropertyName("arm")] public string Arm { get; set; } = "";
        [JsonPropertyName("enrolled")] public bool Enrolled { get; set; }
        [JsonPropertyName("reason")] public string Reason { get; set; } = "";
        [JsonPropertyName("unit_hash")] public string UnitHash { get; set; } = "";
        [JsonPropertyName("model")] public string Model { get; set; } = "";
        [JsonPropertyName("model_version")] public int? ModelVersion { get; set; }
        [JsonPropertyName("status_code")] public int StatusCode { get; set; }
        [JsonPropertyName("latency_ms")] public double LatencyMs { get; set; }
        [JsonPropertyName("time_ms")] public long TimeMs { get; set; }
        [JsonPropertyName("item_count")] public int ItemCount { get; set; }
    }

    internal sealed class ImpressionRow
    {
        [JsonPropertyName("request_id")] public string RequestId { get; set; } = "";
        [JsonPropertyName("item_id")] public string ItemId { get; set; } = "";
        [JsonPropertyName("item_rank")] public int ItemRank { get; set; }
        [JsonPropertyName("task")] public string? Task { get; set; }
        [JsonPropertyName("prediction")] public double? Prediction { get; set; }
        [JsonPropertyName("time_ms")] public long TimeMs { get; set; }
    }

    internal sealed class OutcomeRow
    {
        [JsonPropertyName("request_id")] public string RequestId { get; set; } = "";
        [JsonPropertyName("item_id")] public string ItemId { get; set; } = "";
        [JsonPropertyName("task")] public string Task { get; set; } = "";
        [JsonPropertyName("outcome")] public int Outcome { get; set; }
        [JsonPropertyName("time_ms")] public long TimeMs { get; set; }
    }
}
