using System.Globalization;
using MmoeService.Trainer.Data;
using Xunit.Abstractions;

namespace MmoeService.Trainer.Tests.Data;

public sealed class PaperSyntheticGeneratorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    [InlineData(-0.3)]
    public void Weights_CosineEqualsCorrelation(double p)
    {
        var generator = new PaperSyntheticGenerator(new PaperSyntheticOptions { Correlation = p }, 17);

        Assert.Equal(p, generator.Cosine(), 1e-9);
    }

    [Fact]
    public void Weights_HaveNormC()
    {
        var generator = new PaperSyntheticGenerator(new PaperSyntheticOptions { Scale = 2.5 }, 17);

        Assert.Equal(2.5, Math.Sqrt(generator.W1.Sum(w => w * w)), 1e-9);
        Assert.Equal(2.5, Math.Sqrt(generator.W2.Sum(w => w * w)), 1e-9);
    }

    [Fact]
    public void Defaults_FollowTheReproductions()
    {
        var generator = new PaperSyntheticGenerator(new PaperSyntheticOptions(), 1);

        Assert.Equal(100, generator.Features.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (double)i), generator.Alphas);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (i - 1.0) * (i - 1.0)), generator.Betas);
    }

    [Fact]
    public void LabelCorrelation_RisesWithP()
    {
        var correlations = new[] { 0.5, 0.9, 1.0 }.Select(p =>
        {
            // Average over a few seeds: a single draw of (u1, u2) moves the correlation by a few hundredths.
            return Enumerable.Range(0, 4).Average(seed =>
            {
                var data = PaperSyntheticGenerator.Generate(new PaperSyntheticOptions { Correlation = p, TrainRows = 4_000, ValidationRows = 1, TestRows = 1 }, seed);
                return Stats.Pearson([.. data.Train.Labels[0].Select(v => (double)v)], [.. data.Train.Labels[1].Select(v => (double)v)]);
            });
        }).ToArray();
        output.WriteLine($"label correlation at p=0.5,0.9,1: {string.Join(", ", correlations.Select(c => c.ToString("F4", CultureInfo.InvariantCulture)))}");

        Assert.True(correlations[0] < correlations[1] && correlations[1] < correlations[2], string.Join(", ", correlations));
        Assert.True(correlations[2] > 0.99);
    }

    [Fact]
    public void Generate_SameSeed_IsIdentical_NewSeedIsFresh()
    {
        var options = new PaperSyntheticOptions { TrainRows = 50, ValidationRows = 10, TestRows = 10 };

        var a = PaperSyntheticGenerator.Generate(options, 5);
        var b = PaperSyntheticGenerator.Generate(options, 5);
        var c = PaperSyntheticGenerator.Generate(options, 6);

        Assert.Equal(a.Train.Labels[0], b.Train.Labels[0]);
        Assert.NotEqual(a.Train.Labels[0], c.Train.Labels[0]);
        Assert.Equal((50, 10, 10), (a.Info.TrainRows, a.Info.ValidationRows, a.Info.TestRows));
    }

    [Fact]
    public void Labels_MatchTheFormulaUpToNoise()
    {
        var options = new PaperSyntheticOptions { Dimension = 5, TrainRows = 20, ValidationRows = 1, TestRows = 1, NoiseStd = 0 };
        var generator = new PaperSyntheticGenerator(options, 9);
        var data = generator.Generate();
        var x = data.Train.Rows[3].Select(v => v.Number!.Value).ToArray();
        var w1x = generator.W1.Zip(x, (w, v) => w * v).Sum();

        var expected = w1x + Enumerable.Range(1, 10).Sum(i => Math.Sin((i * w1x) + ((i - 1.0) * (i - 1.0))));

        Assert.Equal(expected, data.Train.Labels[0][3], 1e-4);
    }
}
