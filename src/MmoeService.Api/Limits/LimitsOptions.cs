using System.ComponentModel.DataAnnotations;

namespace MmoeService.Api.Limits;

/// <summary>
/// Admission limits in front of the data-plane endpoints (<c>/score</c>, <c>/models/{name}/score</c>,
/// <c>/feedback</c>) (section "Limits"). Probes, metrics, docs and admin calls are never limited, so an
/// overloaded replica still reports its state.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>
    /// Requests processed at once. ONNX Runtime runs on the request's thread, so more than a small multiple of
    /// the cores only adds queueing inside the process where nobody can see it.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests that wait (oldest first) for a free slot; beyond it a request is rejected at once with 503.</summary>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; } = 256;

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when the concurrency queue is full.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Optional per-client rate limit (off by default).</summary>
    public ClientRateLimitOptions ClientRateLimit { get; set; } = new();
}
