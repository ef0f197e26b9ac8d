using System.Collections.Concurrent;

namespace MmoeService.Soak;

/// <summary>What one minute of the soak saw: answers by kind and status, valid-score latencies, the reload, RSS.</summary>
public sealed class MinuteStats(int minute)
{
    private readonly ConcurrentDictionary<(string Kind, string Status), int> _answers = new();
    private readonly ConcurrentQueue<double> _scoreLatencies = new();

    public int Minute { get; } = minute;

    public IReadOnlyDictionary<(string Kind, string Status), int> Answers => _answers;

    public string? Reload { get; set; }

    public long RssKb { get; set; }

    /// <summary>The machine's 1-minute load average at the end of the minute (other processes share the cores).</summary>
    public string LoadAverage { get; set; } = "-";

    private int _skipped;

    /// <summary>Sends the driver did not make because too many were still in flight.</summary>
    public int Skipped => Volatile.Read(ref _skipped);

    public void Skip() => Interlocked.Increment(ref _skipped);

    public void Record(string kind, string status, double latencyMs)
    {
        _answers.AddOrUpdate((kind, status), 1, (_, n) => n + 1);
        if (kind == "score" && status == "200")
        {
            _scoreLatencies.Enqueue(latencyMs);
        }
    }

    public (double P50, double P99, double Max, int Count) Latency()
    {
        var sorted = _scoreLatencies.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.99), sorted[^1], sorted.Length);
    }
}
