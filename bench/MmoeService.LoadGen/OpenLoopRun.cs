using System.Collections.Concurrent;
using System.Diagnostics;

namespace MmoeService.LoadGen;

/// <summary>
/// Open-loop load: requests start on a fixed schedule (<c>rate</c> per second) whether or not earlier ones have
/// answered, as independent users would send them. Latency is measured from each request's scheduled start, not
/// from when the client got round to sending it, so a stalled server shows up in the tail instead of silently
/// slowing the client down (coordinated omission). In-flight requests are capped; a request that would pass the
/// cap counts as an error.
/// </summary>
public static class OpenLoopRun
{
    public static async Task<LoadResult> RunAsync(
        IScoreSender sender,
        double rate,
        TimeSpan duration,
        int maxInFlight)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var inFlight = 0;
        var pending = new List<Task>();
        var total = (int)(rate * duration.TotalSeconds);
        var started = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;

        async Task SendAsync(int n, long due)
        {
            try
            {
                if (await sender.SendAsync(n).ConfigureAwait(false))
                {
                    latencies.Add((Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        for (var n = 0; n < total; n++)
        {
            var due = started + (long)(n * ticksPerRequest);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000)
            {
                // Timers tick in about a millisecond; anything due sooner is sent in this burst.
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ConfigureAwait(false);
            }

            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                Interlocked.Increment(ref errors);
                continue;
            }

            pending.Add(SendAsync(n, due));
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.ToArray();
        return new LoadResult(0, all.Length, errors, elapsed, all);
    }
}
