using System.ComponentModel.DataAnnotations;

namespace MmoeService.Serving.Batching;

/// <summary>
/// Dynamic batching (section "Batching"): concurrent requests for the same model version are coalesced into one
/// ONNX Runtime run, counted in rows (candidates) rather than requests, as Triton's dynamic batcher does with
/// <c>max_batch_size</c> and <c>max_queue_delay_microseconds</c>.
/// </summary>
public sealed class BatchingOptions
{
    public const string SectionName = "Batching";

    /// <summary>
    /// Coalesce requests; off runs every request on its own (<see cref="OnnxInferenceRunner"/>). Off by default: on
    /// this project's 2-core benchmark machine batching raised closed-loop throughput at most points but had a
    /// worse open-loop tail (docs/performance.md), so it is a switch to try under real traffic, not a default.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Most rows in one run; a request with more rows runs alone.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchRows { get; set; } = 2048;

    /// <summary>
    /// Longest a batch waits for more rows after its first request arrives, unless it fills first. Zero dispatches
    /// a batch as soon as a run slot is free, so batches form only while every slot is busy (no added latency
    /// when the service is idle).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Rows waiting for a run, over every model; a request that would pass it gets 429.</summary>
    [Range(1, 10_000_000)]
    public int MaxQueuedRows { get; set; } = 32_768;

    /// <summary>Runs in flight at once (Triton's instance count); each run uses Inference:IntraOpNumThreads threads.</summary>
    [Range(1, 256)]
    public int MaxConcurrentRuns { get; set; } = Environment.ProcessorCount;

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when the queue is full.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
