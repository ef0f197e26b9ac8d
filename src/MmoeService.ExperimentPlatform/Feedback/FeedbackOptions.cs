using System.ComponentModel.DataAnnotations;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary><c>POST /feedback</c> limits (section "Feedback").</summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Feedback";

    /// <summary>Most events in one batch; a larger batch is a 400 (split it).</summary>
    [Range(1, 100_000)]
    public int MaxEvents { get; set; } = 1000;

    /// <summary>Body size limit; a larger body is a 413.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary><c>Retry-After</c> seconds on a 503 while the store is unavailable.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How far in the future an event's time may lie (clock skew between client and service).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromHours(1);
}
