namespace MmoeService.Calibration;

/// <summary>
/// The generative model of one simulated user. Each unit draws a click propensity z, an activity level v and a
/// satisfaction trait w, all standard normal and independent:
/// <code>
/// click probability per impression   p = logistic(ClickLogit + ClickSpread·z)
/// satisfied given a click            s = logistic(SatisfactionLogit + SatisfactionSpread·(½z + (√3/2)w))
/// requests in a period               r = 1 + Poisson(RequestRate·exp(ActivitySpread·v)), SlateSize impressions each
/// </code>
/// The pre-period is an earlier period of the same unit drawn from the same law (same p, s and activity, fresh
/// requests and outcomes), so pre-period clicks correlate with in-experiment clicks the way a real user's history
/// does; a share NewUserShare of units has no pre-period at all. In the experiment, treatment multiplies p by
/// (1 + δ) and leaves s alone, so both clicks per impression and satisfied clicks per impression have true
/// relative lift δ exactly (p stays below 1 / (1 + δ) for every z within 7 SD at the default parameters).
/// </summary>
public sealed record UnitModel(
    double ClickLogit = -3.0,
    double ClickSpread = 0.8,
    double SatisfactionLogit = 0.0,
    double SatisfactionSpread = 0.8,
    double RequestRate = 2.0,
    double ActivitySpread = 0.5,
    int SlateSize = 10,
    double NewUserShare = 0.2)
{
    public SimulatedUnit Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var z = Gaussian(random);
        var v = Gaussian(random);
        var w = Gaussian(random);
        var p = Logistic(ClickLogit + ClickSpread * z);
        var s = Logistic(SatisfactionLogit + SatisfactionSpread * (0.5 * z + Math.Sqrt(0.75) * w));
        var rate = RequestRate * Math.Exp(ActivitySpread * v);
        if (random.NextDouble() < NewUserShare)
        {
            return new SimulatedUnit(p, s, rate, null, null);
        }

        var impressions = Requests(random, rate) * SlateSize;
        var clicks = Binomial(random, impressions, p);
        return new SimulatedUnit(p, s, rate, clicks, Binomial(random, clicks, s));
    }

    public static int Requests(Random random, double rate) => 1 + Poisson(random, rate);

    public static int Binomial(Random random, int trials, double probability)
    {
        var successes = 0;
        for (var i = 0; i < trials; i++)
        {
            if (random.NextDouble() < probability)
            {
                successes++;
            }
        }

        return successes;
    }

    // Knuth's product method: exact, and quick for the small rates here.
    private static int Poisson(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }

    private static double Gaussian(Random random)
    {
        var u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
