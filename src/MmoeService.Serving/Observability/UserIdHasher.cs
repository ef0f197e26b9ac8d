using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MmoeService.Serving.Observability;

/// <summary>
/// Turns a user id into a stable pseudonym for logs: HMAC-SHA-256 under <see cref="ObservabilityOptions.UserIdHashKey"/>,
/// first 16 hex digits. Stable, so one user's requests can be followed; keyed, so the raw id never appears.
/// </summary>
public sealed class UserIdHasher
{
    private readonly byte[] _key;

    public UserIdHasher(IOptions<ObservabilityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = Encoding.UTF8.GetBytes(options.Value.UserIdHashKey);
    }

    public string Hash(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userId), digest);
        return Convert.ToHexStringLower(digest[..8]);
    }
}
