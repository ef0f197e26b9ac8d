namespace MmoeService.Trainer.Data;

/// <summary>
/// Independent, reproducible random streams from one seed. A seeded <see cref="Random"/> is stable across .NET
/// versions (it keeps the legacy algorithm when given a seed), which the committed default models rely on.
/// </summary>
internal static class RandomStreams
{
    /// <summary>A seed for sub-stream <paramref name="stream"/> of <paramref name="seed"/> (SplitMix64 finaliser).</summary>
    public static int Derive(int seed, int stream)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)stream * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    public static Random Create(int seed, int stream) => new(Derive(seed, stream));

    /// <summary>A standard normal draw (Box-Muller; uses two uniforms per draw for simplicity).</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Index drawn from cumulative weights (last entry = total).</summary>
    public static int Pick(Random random, double[] cumulative)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var cumulative = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        return cumulative;
    }

    /// <summary>Fisher-Yates permutation of 0..count-1.</summary>
    public static int[] Permutation(int count, Random random)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
