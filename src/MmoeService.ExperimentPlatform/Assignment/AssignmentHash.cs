using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>
/// Stable unit hashing for assignment: the first 8 bytes of SHA-256 over the UTF-8 key, read big-endian, modulo
/// 10,000. The same on every process, machine and restart (unlike <c>string.GetHashCode</c>), and reproducible
/// outside .NET: <c>int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") % 10000</c>.
/// Two independent keys per unit: <c>"{salt}:{unit}"</c> decides enrolment, <c>"{salt}:arm:{unit}"</c> the arm,
/// so changing coverage never moves an enrolled unit to another arm.
/// </summary>
public static class AssignmentHash
{
    public const int Buckets = 10_000;

    /// <summary>Enrolment bucket: a unit is enrolled when this is below coverage × 100.</summary>
    public static int EnrolmentBucket(string salt, string unitId) => Bucket(salt, ":", unitId);

    /// <summary>Arm bucket: placed against the arms' cumulative weights × 100.</summary>
    public static int ArmBucket(string salt, string unitId) => Bucket(salt, ":arm:", unitId);

    private static int Bucket(string salt, string separator, string unitId)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(unitId);
        var length = Encoding.UTF8.GetByteCount(salt) + separator.Length + Encoding.UTF8.GetByteCount(unitId);
        var rented = length <= 512 ? null : new byte[length];
        Span<byte> key = rented ?? stackalloc byte[length];
        var written = Encoding.UTF8.GetBytes(salt, key);
        written += Encoding.UTF8.GetBytes(separator, key[written..]);
        written += Encoding.UTF8.GetBytes(unitId, key[written..]);

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key[..written], digest);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % Buckets);
    }
}
