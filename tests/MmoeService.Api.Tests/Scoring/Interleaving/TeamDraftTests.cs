using CsCheck;
using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Api.Tests.Scoring.Interleaving;

[Trait("Kind", "Unit")]
public sealed class TeamDraftTests
{
    // Two rankings of distinct items (possibly different sets), a list length and a coin seed.
    private static readonly Gen<(int[] Control, int[] Treatment, int Length, ulong Seed)> Draws =
        Gen.Select(Ranking, Ranking, Gen.Int[0, 30], Gen.ULong);

    private static Gen<int[]> Ranking => Gen.Int[0, 40].Array[0, 25].Select(a => a.Distinct().ToArray());

    // Rankings of the same candidates, as a ranking service's two models produce.
    private static readonly Gen<(int[] Control, int[] Treatment, int Length, ulong Seed)> SameCandidates =
        Gen.Int[0, 20].SelectMany(size => Gen.Select(
            Gen.Shuffle(Enumerable.Range(0, size).ToArray()),
            Gen.Shuffle(Enumerable.Range(0, size).ToArray()),
            Gen.Int[0, 25],
            Gen.ULong));

    [Fact]
    public void Interleave_AnyRankings_HasNoDuplicates()
    {
        Draws.Sample(d =>
        {
            var picks = TeamDraft.Interleave(d.Control, d.Treatment, d.Length, d.Seed);
            return picks.Select(p => p.Item).Distinct().Count() == picks.Count;
        });
    }

    [Fact]
    public void Interleave_AnyRankings_EachPickIsItsTeamsBestRemainingItem()
    {
        // Each team's picks, in order, are its ranking with already-placed items skipped: a prefix-respecting
        // subsequence of that ranking.
        Draws.Sample(d =>
        {
            var picks = TeamDraft.Interleave(d.Control, d.Treatment, d.Length, d.Seed);
            var placed = new HashSet<int>();
            foreach (var pick in picks)
            {
                var ranking = pick.Team == Team.Treatment ? d.Treatment : d.Control;
                if (ranking.First(i => !placed.Contains(i)) != pick.Item)
                {
                    return false;
                }

                placed.Add(pick.Item);
            }

            return true;
        });
    }

    [Fact]
    public void Interleave_SameCandidates_TeamCountsWithinOne()
    {
        SameCandidates.Sample(d =>
        {
            var picks = TeamDraft.Interleave(d.Control, d.Treatment, d.Length, d.Seed);
            return Math.Abs(picks.Count(p => p.Team == Team.Treatment) - picks.Count(p => p.Team == Team.Control)) <= 1;
        });
    }

    [Fact]
    public void Interleave_AnyRankings_FillsTheCutFromTheUnion()
    {
        // The list holds min(length, |union|) items, so when the cut is at least the union every item appears.
        Draws.Sample(d =>
        {
            var picks = TeamDraft.Interleave(d.Control, d.Treatment, d.Length, d.Seed);
            var union = d.Control.Union(d.Treatment).ToHashSet();
            return picks.Count == Math.Min(d.Length, union.Count)
                && (d.Length < union.Count || union.SetEquals(picks.Select(p => p.Item)));
        });
    }

    [Fact]
    public void Interleave_SameRequestId_SameList()
    {
        int[] control = [1, 2, 3, 4, 5, 6];
        int[] treatment = [6, 5, 4, 3, 2, 1];
        Assert.Equal(TeamDraft.Interleave(control, treatment, 6, "request-42"), TeamDraft.Interleave(control, treatment, 6, "request-42"));
    }

    [Fact]
    public void Interleave_ManyRequests_EachTeamPicksFirstAboutHalfTheTime()
    {
        int[] control = [1, 2, 3, 4];
        int[] treatment = [4, 3, 2, 1];
        var treatmentFirst = Enumerable.Range(0, 2_000).Count(i => TeamDraft.Interleave(control, treatment, 4, $"r{i}")[0].Team == Team.Treatment);
        // Binomial(2000, 0.5) has SD ≈ 22.4; 1000 ± 100 is ±4.5 SD.
        Assert.InRange(treatmentFirst, 900, 1_100);
    }
}
