using System.Diagnostics;

namespace MmoeService.LoadGen;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send a request, wait for the full answer, send the next.
/// Bounded by time and by request count, so it always stops by itself.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(
        IScoreSender sender,
        int concurrency,
        TimeSpan duration,
        int maxRequests)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var issued = 0;
        var errors = 0;
        var perWorker = new List<double>[concurrency];

        async Task WorkerAsync(int worker)
        {
            var latencies = perWorker[worker] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var n = Interlocked.Increment(ref issued);
                if (n > maxRequests)
                {
                    return;
                }

                var begin = Stopwatch.GetTimestamp();
                if (await sender.SendAsync(n))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = perWorker.SelectMany(l => l).ToArray();
        return new LoadResult(concurrency, all.Length, errors, elapsed, all);
    }
}
