using System.Globalization;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// The synthetic regression data of Ma et al. §3.2 with a controllable task correlation p:
/// orthonormal u1, u2 in R^d; w1 = c·u1, w2 = c·(p·u1 + sqrt(1-p²)·u2); x ~ N(0, I);
/// y_k = w_kᵀx + Σ_{i=1..m} sin(α_i·w_kᵀx + β_i) + ε_k, ε_k ~ N(0, noise²).
/// One instance fixes the task weights for a seed; every call with a new seed is a fresh run (new weights,
/// new data), as the paper's trainability study needs.
/// </summary>
public sealed class PaperSyntheticGenerator
{
    public const string FirstTask = "y1";
    public const string SecondTask = "y2";

    private readonly double[] _w1;
    private readonly double[] _w2;
    private readonly double[] _alphas;
    private readonly double[] _betas;

    public PaperSyntheticGenerator(PaperSyntheticOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Seed = seed;
        (_w1, _w2) = RecommendationWorld.TaskVectors(RandomStreams.Create(seed, 11), options.Dimension, options.Correlation);
        for (var j = 0; j < options.Dimension; j++)
        {
            _w1[j] *= options.Scale;
            _w2[j] *= options.Scale;
        }

        var alphas = ParseList(options.Alphas);
        var betas = ParseList(options.Betas);
        _alphas = alphas.Count > 0 ? [.. alphas] : [.. Enumerable.Range(1, options.SinTerms).Select(i => (double)i)];
        _betas = betas.Count > 0 ? [.. betas] : [.. Enumerable.Range(1, options.SinTerms).Select(i => (i - 1.0) * (i - 1.0))];
        if (_alphas.Length != options.SinTerms || _betas.Length != options.SinTerms)
        {
            throw new ArgumentException($"Alphas and Betas need {options.SinTerms} values each (SinTerms).", nameof(options));
        }

        Features = [.. Enumerable.Range(1, options.Dimension).Select(j => new FeatureColumn(FeatureName(j), FeatureKind.Numeric))];
    }

    public PaperSyntheticOptions Options { get; }

    public int Seed { get; }

    public IReadOnlyList<double> W1 => _w1;

    public IReadOnlyList<double> W2 => _w2;

    public IReadOnlyList<double> Alphas => _alphas;

    public IReadOnlyList<double> Betas => _betas;

    /// <summary>x001 .. x{d}, all numeric.</summary>
    public IReadOnlyList<FeatureColumn> Features { get; }

    /// <summary>Draws a fresh run for <paramref name="seed"/> with the sizes in <paramref name="options"/>.</summary>
    public static RawDataset Generate(PaperSyntheticOptions options, int seed) => new PaperSyntheticGenerator(options, seed).Generate();

    /// <summary>cos(w1, w2); equals p up to rounding.</summary>
    public double Cosine()
    {
        double dot = 0, n1 = 0, n2 = 0;
        for (var j = 0; j < _w1.Length; j++)
        {
            dot += _w1[j] * _w2[j];
            n1 += _w1[j] * _w1[j];
            n2 += _w2[j] * _w2[j];
        }

        return dot / Math.Sqrt(n1 * n2);
    }

    /// <summary>Label k (0 or 1) of input <paramref name="x"/> without noise.</summary>
    public double Expected(int task, ReadOnlySpan<double> x)
    {
        var w = task == 0 ? _w1 : _w2;
        var r = 0.0;
        for (var j = 0; j < w.Length; j++)
        {
            r += w[j] * x[j];
        }

        var y = r;
        for (var i = 0; i < _alphas.Length; i++)
        {
            y += Math.Sin((_alphas[i] * r) + _betas[i]);
        }

        return y;
    }

    /// <summary>Generates the train, validation and test splits of this run.</summary>
    public RawDataset Generate()
    {
        var random = RandomStreams.Create(Seed, 12);
        var train = Draw(random, Options.TrainRows);
        var validation = Draw(random, Options.ValidationRows);
        var test = Draw(random, Options.TestRows);
        var invariant = CultureInfo.InvariantCulture;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = Seed.ToString(invariant),
            ["dimension"] = Options.Dimension.ToString(invariant),
            ["correlation"] = Options.Correlation.ToString("R", invariant),
            ["scale"] = Options.Scale.ToString("R", invariant),
            ["sinTerms"] = Options.SinTerms.ToString(invariant),
            ["alphas"] = string.Join(",", _alphas.Select(a => a.ToString("R", invariant))),
            ["betas"] = string.Join(",", _betas.Select(b => b.ToString("R", invariant))),
            ["noiseStd"] = Options.NoiseStd.ToString("R", invariant),
        };
        var description = string.Create(invariant,
            $"Paper §3.2 synthetic regression: d={Options.Dimension}, p={Options.Correlation}, c={Options.Scale}, m={Options.SinTerms}, " +
            $"noise std {Options.NoiseStd}, seed {Seed}; {train.Count}/{validation.Count}/{test.Count} rows.");
        return new RawDataset(
            new TrainingData(PaperSyntheticSource.SourceName, description, parameters, train.Count, validation.Count, test.Count),
            Features,
            [
                new LabelColumn(FirstTask, TaskKind.Regression, "w1'x + sum_i sin(a_i w1'x + b_i) + noise"),
                new LabelColumn(SecondTask, TaskKind.Regression, "w2'x + sum_i sin(a_i w2'x + b_i) + noise"),
            ],
            train,
            validation,
            test);
    }

    /// <summary>Parses a comma-separated list of invariant numbers; empty gives an empty list.</summary>
    /// <exception cref="FormatException">An entry is not a finite number.</exception>
    public static IReadOnlyList<double> ParseList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new FormatException($"'{part}' is not a number (use a comma-separated list such as 1,2,3).");
            }

            values.Add(value);
        }

        return values;
    }

    private static string FeatureName(int j) => string.Create(CultureInfo.InvariantCulture, $"x{j:D3}");

    private RawSplit Draw(Random random, int count)
    {
        var d = Options.Dimension;
        var rows = new FeatureValue[count][];
        var y1 = new float[count];
        var y2 = new float[count];
        var x = new double[d];
        for (var n = 0; n < count; n++)
        {
            var row = new FeatureValue[d];
            for (var j = 0; j < d; j++)
            {
                x[j] = RandomStreams.Gaussian(random);
                row[j] = FeatureValue.FromNumber(x[j]);
            }

            rows[n] = row;
            y1[n] = (float)(Expected(0, x) + (Options.NoiseStd * RandomStreams.Gaussian(random)));
            y2[n] = (float)(Expected(1, x) + (Options.NoiseStd * RandomStreams.Gaussian(random)));
        }

        return new RawSplit(rows, [y1, y2]);
    }
}
