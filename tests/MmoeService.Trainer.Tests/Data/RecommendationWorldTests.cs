using System.Globalization;
using MmoeService.Trainer.Data;
using Xunit.Abstractions;

namespace MmoeService.Trainer.Tests.Data;

public sealed class RecommendationWorldTests(ITestOutputHelper output)
{
    private const int Seed = 20180819;

    private static SyntheticRecommendationOptions Small(double correlation = 0.5) => new()
    {
        Impressions = 40_000,
        Users = 2_000,
        Items = 500,
        TaskCorrelation = correlation,
    };

    [Fact]
    public void Generate_SameSeed_GivesIdenticalData()
    {
        var a = SyntheticRecommendationSource.Generate(Small(), Seed);
        var b = SyntheticRecommendationSource.Generate(Small(), Seed);

        Assert.Equal(a.Info.Parameters, b.Info.Parameters);
        for (var r = 0; r < a.Train.Count; r += 97)
        {
            Assert.Equal(a.Train.Rows[r], b.Train.Rows[r]);
        }

        Assert.Equal(a.Train.Labels[0], b.Train.Labels[0]);
        Assert.Equal(a.Test.Labels[1], b.Test.Labels[1]);
    }

    [Fact]
    public void Generate_OtherSeed_GivesOtherData()
    {
        var a = SyntheticRecommendationSource.Generate(Small(), Seed);
        var b = SyntheticRecommendationSource.Generate(Small(), Seed + 1);

        Assert.NotEqual(a.Train.Labels[0], b.Train.Labels[0]);
    }

    [Fact]
    public void Generate_DefaultFractions_Splits80_10_10()
    {
        var data = SyntheticRecommendationSource.Generate(Small(), Seed);

        Assert.Equal((32_000, 4_000, 4_000), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal((32_000, 4_000, 4_000), (data.Info.TrainRows, data.Info.ValidationRows, data.Info.TestRows));
        Assert.Equal(["ctr", "satisfaction"], data.Tasks.Select(t => t.Task));
    }

    [Fact]
    public void Generate_Defaults_RatesAreRealistic()
    {
        var data = SyntheticRecommendationSource.Generate(Small(), Seed);

        var ctr = data.Train.Labels[0].Average();
        var satisfaction = data.Train.Labels[1].Average();
        output.WriteLine($"ctr {ctr:F4} satisfaction {satisfaction:F4}");
        Assert.InRange(ctr, 0.05, 0.10);
        Assert.InRange(satisfaction, 0.01, 0.06);
    }

    [Fact]
    public void Labels_SatisfactionImpliesClick()
    {
        var data = SyntheticRecommendationSource.Generate(Small(), Seed);

        for (var r = 0; r < data.Train.Count; r++)
        {
            Assert.True(data.Train.Labels[1][r] <= data.Train.Labels[0][r]);
        }
    }

    [Fact]
    public void LabelCorrelation_RisesWithTheKnob()
    {
        var correlations = new[] { 0.0, 0.5, 1.0 }
            .Select(p => SyntheticRecommendationSource.Generate(Small(p), Seed))
            .Select(d => Stats.Pearson([.. d.Train.Labels[0].Select(v => (double)v)], [.. d.Train.Labels[1].Select(v => (double)v)]))
            .ToArray();
        output.WriteLine($"label correlation at p=0,0.5,1: {string.Join(", ", correlations.Select(c => c.ToString("F4", CultureInfo.InvariantCulture)))}");

        Assert.True(correlations[0] < correlations[1] && correlations[1] < correlations[2], string.Join(", ", correlations));
    }

    [Fact]
    public void TrueProbabilities_RankLabelsWellAboveChance()
    {
        var world = RecommendationWorld.Create(Small(), Seed);
        var random = new Random(7);
        var clickScores = new List<double>();
        var satisfactionScores = new List<double>();
        var clicks = new List<bool>();
        var satisfied = new List<bool>();
        for (var n = 0; n < 40_000; n++)
        {
            var impression = world.SampleImpression(random);
            var feedback = world.SampleFeedback(impression, random);
            clickScores.Add(world.ClickProbability(impression.User, impression.Item, impression.Context));
            satisfactionScores.Add(world.SatisfactionProbability(impression.User, impression.Item, impression.Context));
            clicks.Add(feedback.Clicked);
            satisfied.Add(feedback.Satisfied);
        }

        var ctrAuc = Stats.Auc(clickScores, clicks);
        var satisfactionAuc = Stats.Auc(satisfactionScores, satisfied);
        output.WriteLine($"oracle AUC ctr {ctrAuc:F4} satisfaction {satisfactionAuc:F4}; mean p(click) {clickScores.Average():F4}");
        Assert.InRange(ctrAuc, 0.65, 0.95);
        Assert.InRange(satisfactionAuc, 0.65, 0.97);
    }

    [Fact]
    public void Create_SameSeed_RebuildsTheSameProbabilities()
    {
        var a = RecommendationWorld.Create(Small(), Seed);
        var b = RecommendationWorld.Create(Small(), Seed);
        var impression = a.SampleImpression(new Random(3));
        var user = b.Users[impression.User.Index];
        var item = b.Items[impression.Item.Index];

        Assert.Equal(a.ClickProbability(impression.User, impression.Item, impression.Context), b.ClickProbability(user, item, impression.Context));
        Assert.Equal(
            a.SatisfactionGivenClickProbability(impression.User, impression.Item, impression.Context),
            b.SatisfactionGivenClickProbability(user, item, impression.Context));
    }

    [Fact]
    public void TaskWeights_HaveTheConfiguredCosine()
    {
        var world = RecommendationWorld.Create(Small(0.3), Seed);
        var w1 = world.ClickTaskWeights;
        var w2 = world.SatisfactionTaskWeights;

        var cosine = w1.Zip(w2, (x, y) => x * y).Sum() / Math.Sqrt(w1.Sum(x => x * x) * w2.Sum(x => x * x));

        Assert.Equal(0.3, cosine, 1e-9);
    }

    [Fact]
    public void SatisfactionProbability_IsClickTimesSatisfactionGivenClick()
    {
        var world = RecommendationWorld.Create(Small(), Seed);
        var impression = world.SampleImpression(new Random(5));
        var (u, i, c) = (impression.User, impression.Item, impression.Context);

        Assert.Equal(world.ClickProbability(u, i, c) * world.SatisfactionGivenClickProbability(u, i, c), world.SatisfactionProbability(u, i, c), 1e-15);
    }

    [Fact]
    public void Features_UserAndContextAreContextScope_ItemFeaturesAreItemScope()
    {
        var scopes = RecommendationWorld.Features.ToDictionary(f => f.Name, f => f.Scope);

        Assert.All(new[] { "age", "country", "device", "hour" }, n => Assert.Equal(FeatureScope.Context, scopes[n]));
        Assert.All(new[] { "category", "duration", "popularity" }, n => Assert.Equal(FeatureScope.Item, scopes[n]));
    }

    [Fact]
    public void FromParameters_ManifestParameters_RebuildTheSameWorld()
    {
        var data = SyntheticRecommendationSource.Generate(Small(0.7), Seed);
        var original = RecommendationWorld.Create(Small(0.7), Seed);

        var rebuilt = RecommendationWorld.FromParameters(data.Info.Parameters);
        var impression = original.SampleImpression(new Random(11));

        Assert.Equal(original.SatisfactionBias, rebuilt.SatisfactionBias);
        Assert.Equal(
            original.SatisfactionProbability(impression.User, impression.Item, impression.Context),
            rebuilt.SatisfactionProbability(rebuilt.Users[impression.User.Index], rebuilt.Items[impression.Item.Index], impression.Context));
    }
}
