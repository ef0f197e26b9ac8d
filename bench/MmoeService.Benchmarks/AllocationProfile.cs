using System.Diagnostics.Tracing;
using System.Globalization;

namespace MmoeService.Benchmarks;

/// <summary>
/// Where a stage's allocations go, by type: runs each <see cref="ScoringBenchmarks"/> stage in a loop and adds up
/// the runtime's allocation samples (<c>GCAllocationTick</c>, one per ~100 KB allocated, naming the type that
/// crossed the mark), scaled to bytes per call. Exact totals per call come from the allocation counter.
/// </summary>
public static class AllocationProfile
{
    public static void Run(int candidates, int calls)
    {
        var benchmarks = new ScoringBenchmarks { Candidates = candidates };
        benchmarks.Setup();
        try
        {
            Measure("parse request", calls, () => benchmarks.ParseRequest());
            Measure("encode + run", calls, () => benchmarks.EncodeAndRun().GetAwaiter().GetResult());
            Measure("write answer", calls, () => benchmarks.WriteAnswer());
            Measure("pipeline", calls, () => benchmarks.Pipeline().GetAwaiter().GetResult());
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static void Measure(string stage, int calls, Action call)
    {
        for (var i = 0; i < 200; i++)
        {
            call();
        }

        using var sampler = new Sampler();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage}: {perCall:0} B per call (this thread)"));
        foreach (var (type, bytes) in sampler.Snapshot().OrderByDescending(p => p.Value).Take(12))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / (double)calls,10:0} B  {type}"));
        }
    }

    private sealed class Sampler : EventListener
    {
        private readonly Dictionary<string, long> _bytes = [];

        public Dictionary<string, long> Snapshot()
        {
            lock (_bytes)
            {
                return new Dictionary<string, long>(_bytes);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // Keyword 0x1 (GC) at Verbose level carries the allocation ticks.
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
            {
                return;
            }

            var typeAt = eventData.PayloadNames.IndexOf("TypeName");
            var amountAt = eventData.PayloadNames.IndexOf("AllocationAmount64");
            var type = typeAt >= 0 ? eventData.Payload![typeAt] as string ?? "?" : "?";
            var amount = amountAt >= 0 ? Convert.ToInt64(eventData.Payload![amountAt], CultureInfo.InvariantCulture) : 100_000;
            lock (_bytes)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}
