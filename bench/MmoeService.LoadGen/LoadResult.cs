using System.Globalization;

namespace MmoeService.LoadGen;

/// <summary>Outcome of one measured run at one concurrency.</summary>
public sealed record LoadResult(int Concurrency, int Requests, int Errors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile of the successful requests' latencies.</summary>
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string ToMarkdownRow(int candidates) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {candidates} | {Concurrency} | {Requests} | {Errors} | {Percentile(50):0.00} | {Percentile(95):0.00} | {Percentile(99):0.00} | {RequestsPerSecond:0} | {RequestsPerSecond * candidates:0} |");

    public string ToOpenLoopRow(int candidates, double rate) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {candidates} | {rate:0} | {RequestsPerSecond:0} | {Requests} | {Errors} | {Percentile(50):0.00} | {Percentile(95):0.00} | {Percentile(99):0.00} | {Percentile(99.9):0.00} |");
}
