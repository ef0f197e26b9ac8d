using System.Globalization;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// One set of constants for the §3.2 generator. The paper gives the formula but not d's companions c, m,
/// α, β; public reproductions chose differently, and the ordering of the models depends on the choice
/// (docs/results/README.md). <see cref="RandomSines"/>: α_i, β_i ~ N(0, 1), drawn per run from its seed.
/// </summary>
public sealed record SyntheticPreset(string Name, string Source, int Dimension, double Scale, int SinTerms, bool RandomSines, double NoiseStd = 0.01)
{
    public static SyntheticPreset Google { get; } = new("google",
        "google-research's synthetic multi-task generator as this repository already used it: c = 1, m = 10, α_i = i, β_i = (i-1)²", 100, 1.0, 10, RandomSines: false);

    public static SyntheticPreset KerasMmoe { get; } = new("keras-mmoe",
        "drawbridge/keras-mmoe's synthetic data: c = 0.3, m = 5, α_i, β_i ~ N(0, 1)", 100, 0.3, 5, RandomSines: true);

    public static SyntheticPreset MlPaperLab { get; } = new("ml-paper-lab",
        "ml-paper-lab's MMoE reproduction: c = 3, m = 4; α, β drawn from N(0, 1) (the constants it passes in are not fixed in its dataset class; our reading)", 100, 3.0, 4, RandomSines: true);

    public static SyntheticPreset Ple { get; } = new("ple",
        "PLE's synthetic setting (Tang et al. 2020): d = 512; c, m, α, β as google (PLE does not list them)", 512, 1.0, 10, RandomSines: false);

    public static IReadOnlyList<SyntheticPreset> All { get; } = [Google, KerasMmoe, MlPaperLab, Ple];

    public static SyntheticPreset? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The generator settings of one run (task weights and, for random presets, α and β come from <paramref name="seed"/>).</summary>
    public PaperSyntheticOptions Options(double correlation, int seed)
    {
        var options = new PaperSyntheticOptions
        {
            Dimension = Dimension,
            Correlation = correlation,
            Scale = Scale,
            SinTerms = SinTerms,
            NoiseStd = NoiseStd,
        };
        if (RandomSines)
        {
            var random = RandomStreams.Create(seed, 13);
            options.Alphas = Join(Enumerable.Range(0, SinTerms).Select(_ => RandomStreams.Gaussian(random)).ToArray());
            options.Betas = Join(Enumerable.Range(0, SinTerms).Select(_ => RandomStreams.Gaussian(random)).ToArray());
        }

        return options;
    }

    private static string Join(double[] values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
