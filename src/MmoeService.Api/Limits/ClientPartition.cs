using System.Text.Json.Serialization;

namespace MmoeService.Api.Limits;

/// <summary>How the per-client rate limit tells clients apart.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClientPartition>))]
public enum ClientPartition
{
    /// <summary>The connection's remote address (behind a proxy, configure forwarded headers first).</summary>
    ClientIp,

    /// <summary>The value of <see cref="ClientRateLimitOptions.Header"/>; requests without it share one bucket.</summary>
    Header,
}
