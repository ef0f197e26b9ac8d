namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// Upper tail of the chi-square distribution, P(X ≥ x) = Q(k/2, x/2) with Q the regularized upper incomplete
/// gamma function. One degree of freedom (two arms) is erfc(√(x/2)) exactly; otherwise Q comes from the series
/// for P below a + 1 and from the Legendre continued fraction above, which keeps small tail probabilities exact
/// (the Numerical Recipes gser/gcf split). ln Γ(k/2) is exact for the half-integers a sample-ratio test needs.
/// </summary>
public static class ChiSquareDistribution
{
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;

    /// <summary>P(X ≥ <paramref name="x"/>) for X ~ χ²(<paramref name="degreesOfFreedom"/>).</summary>
    public static double Survival(double x, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0)
        {
            return 1;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        if (degreesOfFreedom == 1)
        {
            return NormalDistribution.Erfc(Math.Sqrt(x / 2));
        }

        var a = degreesOfFreedom / 2.0;
        var z = x / 2;
        var logPrefactor = -z + a * Math.Log(z) - LogGammaOfHalf(degreesOfFreedom);
        return z < a + 1
            ? Math.Max(0, 1 - LowerSeries(a, z) * Math.Exp(logPrefactor))
            : UpperFraction(a, z) * Math.Exp(logPrefactor);
    }

    /// <summary>ln Γ(n/2), exact up to rounding: Γ(1) = 1, Γ(1/2) = √π, Γ(a + 1) = a·Γ(a).</summary>
    internal static double LogGammaOfHalf(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var a = n % 2 == 0 ? 1.0 : 0.5;
        var log = n % 2 == 0 ? 0.0 : 0.5 * Math.Log(Math.PI);
        for (; a < n / 2.0; a++)
        {
            log += Math.Log(a);
        }

        return log;
    }

    // P(a, z) · Γ(a) e^z z^{-a} = Σ z^n / (a (a+1) … (a+n)).
    private static double LowerSeries(double a, double z)
    {
        var term = 1 / a;
        var sum = term;
        for (var n = 1; n < 10_000 && Math.Abs(term) > Math.Abs(sum) * Epsilon; n++)
        {
            term *= z / (a + n);
            sum += term;
        }

        return sum;
    }

    // Q(a, z) · Γ(a) e^z z^{-a} = 1/(z+1-a- 1·(1-a)/(z+3-a- 2·(2-a)/(z+5-a- …))), modified Lentz.
    private static double UpperFraction(double a, double z)
    {
        var b = z + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }

            c = b + an / c;
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 4 * Epsilon)
            {
                break;
            }
        }

        return h;
    }
}
