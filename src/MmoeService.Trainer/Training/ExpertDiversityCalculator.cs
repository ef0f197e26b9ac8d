using TorchSharp;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Modeling;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Training;

/// <summary>
/// Measures whether a mixture's experts learned different functions, on the first rows of a split: pairwise
/// linear CKA (Kornblith et al., "Similarity of Neural Network Representations Revisited", ICML 2019, eq. 5:
/// ||YᵀX||²_F / (||XᵀX||_F ||YᵀY||_F) on column-centred X, Y) and a unit-matching mean absolute correlation.
/// </summary>
public static class ExpertDiversityCalculator
{
    // Owned for the process: TorchSharp's implicit Scalars can be finalized while libtorch reads them (see OwnedScalarAdam).
    private static readonly Scalar DeadColumnStd = 1e-8.ToScalar();

    /// <summary>Rows used: enough for stable figures, few enough to stay a fraction of a second.</summary>
    public const int DefaultRows = 4096;

    /// <returns>Null for networks with fewer than two experts (Shared-Bottom).</returns>
    public static ExpertDiversity? Compute(MultiTaskNetwork network, EncodedSplit split, int maxRows = DefaultRows)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(split);
        var names = network.ExpertNames;
        var rows = Math.Min(maxRows, split.Rows);
        if (names.Count < 2 || rows < 2)
        {
            return null;
        }

        network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var numeric = tensor(split.Numeric.AsSpan(0, rows * split.NumericWidth).ToArray(), [rows, split.NumericWidth]);
        var categorical = tensor(split.Categorical.AsSpan(0, rows * split.CategoricalWidth).ToArray(), [rows, split.CategoricalWidth]);
        var outputs = network.ExpertOutputs(numeric, categorical).Select(o => o.to_type(ScalarType.Float64)).ToArray();
        var centred = outputs.Select(o => o - o.mean([0], keepdim: true)).ToArray();
        var count = centred.Length;
        var cka = new double[count][];
        for (var a = 0; a < count; a++)
        {
            cka[a] = new double[count];
            cka[a][a] = 1;
        }

        double ckaSum = 0, correlationSum = 0;
        var pairs = 0;
        for (var a = 0; a < count; a++)
        {
            for (var b = a + 1; b < count; b++)
            {
                cka[a][b] = cka[b][a] = LinearCka(centred[a], centred[b]);
                ckaSum += cka[a][b];
                correlationSum += MatchedCorrelation(centred[a], centred[b]);
                pairs++;
            }
        }

        return new ExpertDiversity(names, rows, [.. cka.Select(r => (IReadOnlyList<double>)r)], ckaSum / pairs, correlationSum / pairs);
    }

    /// <summary>Linear CKA of two column-centred [n, d] representations; 0 when either is constant.</summary>
    public static double LinearCka(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var scope = NewDisposeScope();
        var cross = y.t().matmul(x).square().sum().item<double>();
        var xx = x.t().matmul(x).square().sum().sqrt().item<double>();
        var yy = y.t().matmul(y).square().sum().sqrt().item<double>();
        return xx > 0 && yy > 0 ? cross / (xx * yy) : 0;
    }

    /// <summary>
    /// For each varying unit of one expert, its largest |Pearson r| with any varying unit of the other, averaged
    /// over units and both directions; 0 when either expert has no varying unit.
    /// </summary>
    public static double MatchedCorrelation(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var scope = NewDisposeScope();
        var xs = Standardise(x);
        var ys = Standardise(y);
        if (xs is null || ys is null)
        {
            return 0;
        }

        using var rows = x.shape[0].ToScalar();   // owned: see OwnedScalarAdam
        var correlation = xs.t().matmul(ys).div(rows).abs();
        var forward = correlation.max(1).values.mean().item<double>();
        var backward = correlation.max(0).values.mean().item<double>();
        return (forward + backward) / 2;
    }

    /// <summary>Column-centred input scaled to unit standard deviation, dead columns dropped; null if none vary.</summary>
    private static Tensor? Standardise(Tensor centred)
    {
        var std = centred.square().mean([0]).sqrt();
        var alive = std.gt(DeadColumnStd).nonzero().squeeze(1);
        if (alive.shape[0] == 0)
        {
            return null;
        }

        return centred.index_select(1, alive) / std.index_select(0, alive);
    }
}
