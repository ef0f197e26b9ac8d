namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Standard normal tail probabilities through the complementary error function. .NET has no erfc, and
/// <c>1 - Φ(z)</c> computed by subtraction loses every digit past |z| ≈ 8, so the tails come from erfc directly:
/// a power series for erf below 2 (where 1 - erf keeps at least 13 significant digits) and the Laplace continued
/// fraction above it, which is accurate to the last few ulps out to the underflow at x ≈ 27.
/// </summary>
public static class NormalDistribution
{
    /// <summary>Φ⁻¹(0.975): the half-width, in standard errors, of a two-sided 95% interval.</summary>
    public const double Z975 = 1.959963984540054;

    // Series terms fall monotonically, so they can run below one ulp of the sum; the Lentz factors only settle
    // within a couple of ulps of 1.
    private const double Epsilon = 1e-17;
    private const double FractionEpsilon = 4e-16;
    private static readonly double SqrtPi = Math.Sqrt(Math.PI);

    /// <summary>Complementary error function erfc(x) = 1 - erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < 2)
        {
            return 1 - ErfSeries(x);
        }

        return x > 27.3 ? 0 : ExpMinusSquare(x) / (SqrtPi * LaplaceFraction(x));
    }

    /// <summary>Φ(z), the standard normal cumulative distribution function.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>P(|Z| ≥ |z|) for a standard normal Z: the two-sided p-value of a Wald statistic.</summary>
    public static double TwoSidedPValue(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    // erf(x) = 2/√π · e^{-x²} · Σ (2x²)^n x / (1·3·…·(2n+1)): every term positive, so no cancellation.
    private static double ErfSeries(double x)
    {
        var twoXSquared = 2 * x * x;
        var term = x;
        var sum = x;
        for (var n = 1; n < 200 && term > Epsilon * sum; n++)
        {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }

        return 2 / SqrtPi * ExpMinusSquare(x) * sum;
    }

    // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by the modified Lentz method.
    private static double LaplaceFraction(double x)
    {
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var n = 1; n < 5000; n++)
        {
            var a = n / 2.0;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? 1 / tiny : 1 / d;
            c = x + a / c;
            if (Math.Abs(c) < tiny)
            {
                c = tiny;
            }

            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < FractionEpsilon)
            {
                break;
            }
        }

        return f;
    }

    // e^{-x²} with x² split into an exactly representable part and a small rest (Cody's trick), so the rounding
    // of x·x is not magnified by the exponential for large x.
    private static double ExpMinusSquare(double x)
    {
        var head = Math.Truncate(x * 16) / 16;
        var rest = (x - head) * (x + head);
        return Math.Exp(-head * head) * Math.Exp(-rest);
    }
}
