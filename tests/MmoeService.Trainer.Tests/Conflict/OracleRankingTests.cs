using MmoeService.Contracts;
using MmoeService.Trainer.Conflict;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Conflict;

public sealed class OracleRankingTests
{
    private static OracleRanking Create(out RecommendationWorld world)
    {
        var settings = new SyntheticRecommendationOptions
        {
            Preset = SyntheticRecommendationOptions.ConflictPreset,
            Impressions = 2_000,
            Users = 300,
            Items = 200,
            TaskCorrelation = 0,
        };
        var data = SyntheticRecommendationSource.Generate(settings, 5);
        world = RecommendationWorld.Create(settings, 5);
        return OracleRanking.Create(world, new FeatureEncoder(SchemaFitter.Fit(data)), 5, users: 40, candidates: 30, top: 5);
    }

    [Fact]
    public void SatisfiedClicks_RankedByTruth_IsTheCeiling()
    {
        var oracle = Create(out _);
        var rows = oracle.Rows.Rows;
        var noise = new Random(1);
        var scores = Enumerable.Range(0, rows).Select(_ => (float)noise.NextDouble()).ToArray();

        Assert.True(oracle.BestSatisfiedClicks() > oracle.SatisfiedClicks(scores));
        Assert.True(oracle.BestSatisfiedClicks() > oracle.RandomSatisfiedClicks());
    }

    [Fact]
    public void SatisfiedClicks_ReversedTruth_IsBelowRandom()
    {
        var oracle = Create(out _);
        var reversed = oracle.TrueSatisfiedClicks.Select(p => -p).ToArray();

        Assert.True(oracle.SatisfiedClicks(reversed) < oracle.RandomSatisfiedClicks());
    }

    [Fact]
    public void Create_Rows_AreUsersTimesCandidates()
    {
        var oracle = Create(out _);

        Assert.Equal(40 * 30, oracle.Rows.Rows);
        Assert.Equal(5, oracle.Top);
    }

    [Fact]
    public void ProductScore_MultipliesTheTasks()
    {
        Assert.Equal([0.5f * 0.2f, 0.1f], OracleRanking.ProductScore([0.5f, 1f], [0.2f, 0.1f]));
    }
}
