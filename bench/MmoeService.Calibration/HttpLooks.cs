using System.Globalization;
using System.Text.Json;
using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Calibration;

/// <summary>
/// Summarises the looks of an end-to-end run (<c>simulate --Simulation:Report=FILE</c>, one line per look,
/// comparison and task): per metric, the share of runs (independent experiments) that declared a difference by the
/// fixed-horizon test at any look, by the fixed-horizon test at the last look, and by the always-valid test at any
/// look, each with its Wilson 95% interval. The same three rows the in-process harness reports.
/// </summary>
public static class HttpLooks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<CalibrationRow> Summarise(string path, double alpha = 0.05)
    {
        var looks = File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<LookLine>(l, Json)!).Where(l => l.Method == "ab").ToArray();
        var rows = new List<CalibrationRow>();
        foreach (var metric in looks.GroupBy(l => l.Task).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var runs = metric.GroupBy(l => l.Run).Select(r => r.OrderBy(l => l.Look).ToArray()).ToArray();
            var users = (int)runs.Max(r => r[^1].Users);
            var lookCount = runs.Max(r => r.Length);
            CalibrationRow Row(string method, int rejections, int rowLooks)
            {
                var interval = WilsonInterval.Of(rejections, runs.Length);
                return new CalibrationRow("aa", method, metric.Key, runs.Length, users, rowLooks, rejections, rejections / (double)runs.Length, interval.Lower, interval.Upper, null, null);
            }

            rows.Add(Row("fixed-horizon-peeking", runs.Count(r => r.Any(l => l.PValue < alpha)), lookCount));
            rows.Add(Row("fixed-horizon", runs.Count(r => r[^1].PValue < alpha), 1));
            rows.Add(Row("always-valid", runs.Count(r => r.Any(l => l.AlwaysValidPValue < alpha)), lookCount));
        }

        return rows;
    }

    public static string Markdown(IReadOnlyList<CalibrationRow> rows) =>
        "| design | method | metric | repeats | users | looks | rejections | rate | 95% interval |\n|---|---|---|---:|---:|---:|---:|---:|---|\n" +
        string.Concat(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Design} | {r.Method} | {r.Metric} | {r.Repeats} | {r.UsersPerExperiment} | {r.Looks} | {r.Rejections} | {r.Rate:F3} | [{r.Lower:F3}, {r.Upper:F3}] |\n")));

    private sealed record LookLine(int Run, int Look, long Users, string Method, string Task, double? PValue, double? AlwaysValidPValue);
}
