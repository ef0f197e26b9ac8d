using System.ComponentModel.DataAnnotations;

namespace MmoeService.Api.Limits;

/// <summary>
/// A token bucket per client (section "Limits:ClientRateLimit"): <see cref="PermitsPerPeriod"/> refill every
/// <see cref="Period"/>, bursts up to
/// <see cref="Burst"/>. Clients are told apart by their IP address, or by a header such as an API key when the
/// service sits behind a proxy that hides the callers' addresses.
/// </summary>
public sealed class ClientRateLimitOptions
{
    public bool Enabled { get; set; }

    /// <summary>Requests a client may send per <see cref="Period"/>, sustained.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerPeriod { get; set; } = 100;

    /// <summary>How often a client's bucket is refilled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests a client may send at once after being idle.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 200;

    /// <summary>What identifies a client.</summary>
    public ClientPartition PartitionBy { get; set; } = ClientPartition.ClientIp;

    /// <summary>The header naming the client when <see cref="PartitionBy"/> is <see cref="ClientPartition.Header"/>.</summary>
    [Required]
    public string Header { get; set; } = "X-Client-Id";
}
