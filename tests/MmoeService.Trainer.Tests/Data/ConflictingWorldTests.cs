using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Data;

public sealed class ConflictingWorldTests
{
    private const int Seed = 20180819;

    private static SyntheticRecommendationOptions Conflict(double correlation) => new()
    {
        Preset = SyntheticRecommendationOptions.ConflictPreset,
        Impressions = 2_000,
        Users = 2_000,
        Items = 500,
        TaskCorrelation = correlation,
    };

    /// <summary>Pearson r over items of bait against a true probability, averaged over a fixed set of users.</summary>
    private static double BaitCorrelation(RecommendationWorld world, Func<RecommendationUser, RecommendationItem, RecommendationContext, double> probability, Func<RecommendationUser, bool>? users = null)
    {
        var chosen = world.Users.Where(users ?? (_ => true)).Take(50).ToArray();
        var context = new RecommendationContext(20);
        var bait = world.Items.Select(world.Bait).ToArray();
        var mean = world.Items.Select(i => chosen.Average(u => Math.Log(probability(u, i, context)))).ToArray();
        return Pearson(bait, mean);
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        var sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }

    [Fact]
    public void Conflict_Bait_DrawsClicks()
    {
        var world = RecommendationWorld.Create(Conflict(0), Seed);

        Assert.True(BaitCorrelation(world, world.ClickProbability) > 0.3);
    }

    [Fact]
    public void Conflict_ZeroCorrelation_BaitDoesNotSatisfy()
    {
        var world = RecommendationWorld.Create(Conflict(0), Seed);

        Assert.True(BaitCorrelation(world, world.SatisfactionGivenClickProbability) < -0.3);
    }

    [Fact]
    public void Conflict_FullCorrelation_BaitSatisfiesToo()
    {
        var world = RecommendationWorld.Create(Conflict(1), Seed);

        Assert.True(BaitCorrelation(world, world.SatisfactionGivenClickProbability) > 0.3);
    }

    [Fact]
    public void Conflict_HalfCorrelation_SegmentsDisagreeOnBait()
    {
        var world = RecommendationWorld.Create(Conflict(0.5), Seed);

        var youngMobile = BaitCorrelation(world, world.SatisfactionGivenClickProbability, u => u.Device == "mobile" && u.Age < 30);
        var olderDesktop = BaitCorrelation(world, world.SatisfactionGivenClickProbability, u => u.Device is "desktop" or "tv" && u.Age > 45);

        Assert.True(youngMobile > 0, $"young mobile {youngMobile}");
        Assert.True(olderDesktop < 0, $"older desktop {olderDesktop}");
    }

    [Fact]
    public void FromParameters_ConflictManifestParameters_RebuildTheSameWorld()
    {
        var data = SyntheticRecommendationSource.Generate(Conflict(0.25), Seed);

        var rebuilt = RecommendationWorld.FromParameters(data.Info.Parameters);
        var original = RecommendationWorld.Create(Conflict(0.25), Seed);

        Assert.Equal("conflict", data.Info.Parameters["preset"]);
        Assert.True(rebuilt.Conflicting);
        var context = new RecommendationContext(9);
        Assert.Equal(
            original.SatisfactionProbability(original.Users[3], original.Items[7], context),
            rebuilt.SatisfactionProbability(rebuilt.Users[3], rebuilt.Items[7], context));
    }

    [Fact]
    public void Generate_DefaultPreset_RecordsNoConflictParameters()
    {
        var data = SyntheticRecommendationSource.Generate(new SyntheticRecommendationOptions { Impressions = 1_000, Users = 200, Items = 100 }, Seed);

        Assert.False(data.Info.Parameters.ContainsKey("preset"));
        Assert.False(data.Info.Parameters.ContainsKey("conflictWeight"));
    }

    [Fact]
    public void GenerateWithWorld_Impressions_MatchTheRows()
    {
        var (data, _, impressions) = SyntheticRecommendationSource.GenerateWithWorld(Conflict(0), Seed);

        Assert.Equal(data.Train.Count + data.Validation.Count + data.Test.Count, impressions.Count);
        Assert.Equal(RecommendationWorld.FeatureRow(impressions[^1]), data.Test.Rows[^1]);
    }
}
