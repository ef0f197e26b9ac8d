using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace MmoeService.Benchmarks;

/// <summary>
/// Runs the in-process pipeline benchmark in a loop for a while, for a sampling profiler to attach to
/// (<c>dotnet-trace collect --profile cpu-sampling -- dotnet MmoeService.Benchmarks.dll profile 1000 20</c>).
/// </summary>
public static class PipelineLoop
{
    public static void Run(int candidates, TimeSpan duration)
    {
        var benchmarks = new ScoringBenchmarks { Candidates = candidates };
        benchmarks.Setup();
        try
        {
            var calls = 0;
            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            var started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                benchmarks.Pipeline().GetAwaiter().GetResult();
                calls++;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calls} pipeline calls of {candidates} candidates in {elapsed.TotalSeconds:0.0} s: {elapsed.TotalMilliseconds * 1000 / calls:0} us per call"));

            // The collector's share: a sampling profiler charges a pause to whatever frame allocated or polled.
            var pause = GC.GetTotalPauseDuration() - paused;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - collections} gen0+ collections, {pause.TotalMilliseconds:0} ms paused ({pause / elapsed:P1} of the time), {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
