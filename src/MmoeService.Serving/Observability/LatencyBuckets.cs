using Prometheus;

namespace MmoeService.Serving.Observability;

/// <summary>Histogram buckets shared by the latency series, so request and inference times line up on one dashboard.</summary>
public static class LatencyBuckets
{
    /// <summary>0.25 ms to about 8 s, doubling.</summary>
    public static double[] Request { get; } = Histogram.ExponentialBuckets(0.00025, 2, 16);
}
