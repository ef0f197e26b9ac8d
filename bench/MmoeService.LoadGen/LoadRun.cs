using System.Diagnostics;
using System.Net.Http.Headers;

namespace MmoeService.LoadGen;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send a request, wait for the full answer, send the next.
/// Bounded by time and by request count, so it always stops by itself.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(
        HttpClient client,
        string path,
        IReadOnlyList<byte[]> bodies,
        int concurrency,
        TimeSpan duration,
        int maxRequests)
    {
        ArgumentNullException.ThrowIfNull(bodies);
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

                using var content = new ByteArrayContent(bodies[n % bodies.Count]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PostAsync(path, content);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
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
