using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Api.Tests.Statistics;

[Trait("Kind", "Unit")]
public sealed class PreferenceTests
{
    [Fact]
    public void Read_SixtyOfHundredPreferTreatment_ShareTestAgainstHalf()
    {
        // p̂ = 0.6, SE = √(0.24/100) = 0.04899; z = 0.1/SE = 2.041241452319315; P(|Z| ≥ z) = 0.04122683333716369 (mpmath).
        var sums = new PreferenceSums(150, 60, 40, 20, 200);
        var reading = Preference.Read(sums, new SequentialDesign(1_000));
        Assert.Equal(100, reading.UnitsWithPreference);
        Assert.Equal(0.6, reading.Share!.Value, 14);
        Assert.Equal(0.04122683333716369, reading.Share.FixedPValue, 12);
        Assert.True(reading.Share.AlwaysValidPValue > reading.Share.FixedPValue);
    }

    [Fact]
    public void Read_CreditDifferences_MeanAndVarianceOverUnits()
    {
        double[][] credits = [[2, 1], [0, 1], [3, 0], [1, 1]];
        var sums = credits.Aggregate(PreferenceSums.Empty, (s, c) => s.Add(c[0], c[1]));
        var reading = Preference.Read(sums, new SequentialDesign(1_000));

        // d = (1, -1, 3, 0): mean 0.75, sample variance (0.0625 + 3.0625 + 5.0625 + 0.5625)/3 = 2.916667, over K = 4.
        Assert.Equal(3, reading.UnitsWithPreference);
        Assert.Equal(0.75, reading.MeanDifference!.Value, 14);
        Assert.Equal(Math.Sqrt(2.9166666666666665 / 4), reading.MeanDifference.StandardError, 12);
    }

    [Fact]
    public void Read_NoUnits_HasNoReadings()
    {
        var reading = Preference.Read(PreferenceSums.Empty, new SequentialDesign(1_000));
        Assert.Null(reading.Share);
        Assert.Null(reading.MeanDifference);
    }
}
