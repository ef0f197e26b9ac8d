using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MmoeService.Serving.Scoring.Interleaving;

/// <summary>
/// Team-draft interleaving (Radlinski, Kurup and Joachims, "How does clickthrough data reflect retrieval quality?",
/// CIKM 2008, Algorithm 2). Like captains choosing teams: in each round a coin decides which team picks first, then
/// each team adds its highest-ranked item not already in the list; an item both rankings want goes to whoever
/// reaches it first. Each item remembers its team, and a click credits that team. The coin comes from the request
/// id, so the same request always interleaves the same way. When one ranking runs out of new items the other
/// fills the remaining slots; rankings of the same candidates, as in a ranking service, never reach that case
/// before the list holds every candidate.
/// </summary>
public static class TeamDraft
{
    /// <summary>A 64-bit seed from a request id: the first 8 bytes of SHA-256 over its UTF-8, big-endian.</summary>
    public static ulong SeedOf(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(requestId), digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    /// <summary>Interleaves with the coins of <paramref name="requestId"/>.</summary>
    public static IReadOnlyList<TeamPick<T>> Interleave<T>(IReadOnlyList<T> control, IReadOnlyList<T> treatment, int length, string requestId)
        where T : notnull => Interleave(control, treatment, length, SeedOf(requestId));

    /// <summary>At most <paramref name="length"/> distinct items, each tagged with the team that picked it.</summary>
    public static IReadOnlyList<TeamPick<T>> Interleave<T>(IReadOnlyList<T> control, IReadOnlyList<T> treatment, int length, ulong seed)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentOutOfRangeException.ThrowIfNegative(length);

        var picks = new List<TeamPick<T>>(length);
        var taken = new HashSet<T>();
        var state = seed;
        int nextControl = 0, nextTreatment = 0, controlCount = 0, treatmentCount = 0;
        while (picks.Count < length)
        {
            while (nextControl < control.Count && taken.Contains(control[nextControl]))
            {
                nextControl++;
            }

            while (nextTreatment < treatment.Count && taken.Contains(treatment[nextTreatment]))
            {
                nextTreatment++;
            }

            var controlLeft = nextControl < control.Count;
            var treatmentLeft = nextTreatment < treatment.Count;
            if (!controlLeft && !treatmentLeft)
            {
                break;
            }

            // The coin is tossed only at the start of a round, when both teams have picked equally often.
            var treatmentPicks = !controlLeft
                || (treatmentLeft && (treatmentCount < controlCount || (treatmentCount == controlCount && (SplitMix64(ref state) & 1) == 1)));

            var item = treatmentPicks ? treatment[nextTreatment++] : control[nextControl++];
            taken.Add(item);
            picks.Add(new TeamPick<T>(item, treatmentPicks ? Team.Treatment : Team.Control));
            if (treatmentPicks)
            {
                treatmentCount++;
            }
            else
            {
                controlCount++;
            }
        }

        return picks;
    }

    // Steele, Lea and Flood's SplitMix64: a fixed, platform-independent stream of coins from one 64-bit seed.
    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
