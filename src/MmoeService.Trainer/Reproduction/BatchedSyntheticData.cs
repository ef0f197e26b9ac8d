using TorchSharp;
using MmoeService.Trainer.Data;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The data of R synthetic runs as tensors [R, rows, d] and [R, rows, 2]: run r has its own task weights
/// (from <see cref="PaperSyntheticGenerator"/> with its seed) and its own rows x ~ N(0, I) drawn by a torch
/// generator with the same seed; labels follow §3.2 exactly as the generator's <c>Expected</c> plus noise.
/// With <c>standardise</c>, each task's labels are centred and scaled by the training split's mean and
/// standard deviation of that run, so losses are in units of the label's variance.
/// </summary>
public sealed class BatchedSyntheticData : IDisposable
{
    private BatchedSyntheticData(Tensor[] tensors, double[] labelCorrelation, double[] cosine, double[] labelStd)
    {
        (TrainX, TrainY, ValidationX, ValidationY, TestX, TestY) = (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5]);
        LabelCorrelation = labelCorrelation;
        WeightCosine = cosine;
        LabelStd = labelStd;
    }

    public Tensor TrainX { get; }

    public Tensor TrainY { get; }

    public Tensor ValidationX { get; }

    public Tensor ValidationY { get; }

    public Tensor TestX { get; }

    public Tensor TestY { get; }

    public int Runs => (int)TrainX.shape[0];

    public int TrainRows => (int)TrainX.shape[1];

    /// <summary>Pearson r of the two training labels, per run.</summary>
    public IReadOnlyList<double> LabelCorrelation { get; }

    /// <summary>cos(w1, w2) per run (equals p).</summary>
    public IReadOnlyList<double> WeightCosine { get; }

    /// <summary>Mean over both tasks of the training labels' standard deviation before any standardisation, per run.</summary>
    public IReadOnlyList<double> LabelStd { get; }

    public static BatchedSyntheticData Create(SyntheticPreset preset, double correlation, IReadOnlyList<int> seeds, int trainRows, int validationRows, int testRows, bool standardise)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentNullException.ThrowIfNull(seeds);
        var parts = new List<Tensor>[6];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = [];
        }

        var labelCorrelation = new double[seeds.Count];
        var cosine = new double[seeds.Count];
        var labelStd = new double[seeds.Count];
        using (var scope = NewDisposeScope())
        {
            for (var r = 0; r < seeds.Count; r++)
            {
                var generator = new PaperSyntheticGenerator(preset.Options(correlation, seeds[r]), seeds[r]);
                cosine[r] = generator.Cosine();
                using var random = new Generator((ulong)(uint)seeds[r]);
                var weights = tensor(generator.W1.Concat(generator.W2).Select(v => (float)v).ToArray(), [2, preset.Dimension]).t();
                var splits = new[] { trainRows, validationRows, testRows }.Select(rows =>
                {
                    var x = randn([rows, preset.Dimension], generator: random);
                    var projection = x.matmul(weights);
                    var y = projection.clone();
                    for (var i = 0; i < generator.Alphas.Count; i++)
                    {
                        // Owned Scalars: TorchSharp's implicit ones can be finalized mid-call (see Training/OwnedScalarAdam).
                        using var alpha = generator.Alphas[i].ToScalar();
                        using var beta = generator.Betas[i].ToScalar();
                        y.add_(projection.mul(alpha).add(beta).sin());
                    }

                    using var noise = preset.NoiseStd.ToScalar();
                    y.add_(randn([rows, 2], generator: random).mul(noise));
                    return (x, y);
                }).ToArray();

                var trainY = splits[0].y;
                var mean = trainY.mean([0], keepdim: true);
                var std = trainY.std([0], keepdim: true);
                labelStd[r] = std.mean().item<float>();
                var centred = trainY.sub(mean);
                labelCorrelation[r] = (centred[TensorIndex.Colon, 0].mul(centred[TensorIndex.Colon, 1]).mean().item<float>())
                    / (std[0, 0].item<float>() * std[0, 1].item<float>()) * trainRows / (trainRows - 1.0);
                for (var s = 0; s < 3; s++)
                {
                    var y = standardise ? splits[s].y.sub(mean).div(std) : splits[s].y;
                    parts[2 * s].Add(splits[s].x);
                    parts[(2 * s) + 1].Add(y);
                }
            }

            var tensors = parts.Select(p => stack(p.ToArray()).DetachFromDisposeScope()).ToArray();
            return new BatchedSyntheticData(tensors, labelCorrelation, cosine, labelStd);
        }
    }

    public void Dispose()
    {
        foreach (var t in new[] { TrainX, TrainY, ValidationX, ValidationY, TestX, TestY })
        {
            t.Dispose();
        }
    }
}
