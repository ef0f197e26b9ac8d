using MmoeService.Contracts;
using MmoeService.Trainer.Tests.Export;
using MmoeService.Trainer.Training;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ExpertDiversityCalculatorTests
{
    private static Tensor Centred(Tensor x) => x - x.mean([0], keepdim: true);

    [Fact]
    public void LinearCka_RotatedAndScaledCopy_IsOne()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var x = Centred(randn(500, 6, dtype: ScalarType.Float64));
        var (q, _) = linalg.qr(randn(6, 6, dtype: ScalarType.Float64));

        Assert.Equal(1, ExpertDiversityCalculator.LinearCka(x, x.matmul(q) * 3), 6);
    }

    [Fact]
    public void LinearCka_IndependentNoise_IsNearZero()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var x = Centred(randn(4000, 4, dtype: ScalarType.Float64));
        var y = Centred(randn(4000, 4, dtype: ScalarType.Float64));

        Assert.InRange(ExpertDiversityCalculator.LinearCka(x, y), 0, 0.02);
    }

    [Fact]
    public void MatchedCorrelation_PermutedUnitsWithADeadOne_IsOne()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = Centred(randn(300, 3, dtype: ScalarType.Float64));
        var permuted = cat([x.index_select(1, tensor(new long[] { 2, 0, 1 })), zeros(300, 1, dtype: ScalarType.Float64)], 1);

        Assert.Equal(1, ExpertDiversityCalculator.MatchedCorrelation(x, permuted), 6);
    }

    [Theory]
    [InlineData(ModelArchitecture.Mmoe, 3)]
    [InlineData(ModelArchitecture.Cgc, 5)]
    public void Compute_TrainedNetwork_GivesSymmetricMatrixOverEveryExpert(string architecture, int experts)
    {
        using var model = TinyModel.Train(architecture, rows: 300, epochs: 1);
        var validation = TinyDataset.Encode(model.Data.Validation, model.Schema);

        var diversity = ExpertDiversityCalculator.Compute(model.Network, validation)!;

        // SmallOptions: MMoE 3 experts; CGC 3 shared + 1 per task for 2 tasks.
        Assert.Equal(experts, diversity.Experts.Count);
        Assert.Equal(validation.Rows, diversity.Rows);
        for (var a = 0; a < experts; a++)
        {
            Assert.Equal(1, diversity.LinearCka[a][a]);
            for (var b = 0; b < experts; b++)
            {
                Assert.Equal(diversity.LinearCka[a][b], diversity.LinearCka[b][a]);
                Assert.InRange(diversity.LinearCka[a][b], 0, 1 + 1e-9);
            }
        }

        Assert.InRange(diversity.MeanAbsoluteCorrelation, 0, 1 + 1e-9);
    }

    [Fact]
    public void Compute_SharedBottom_IsNull()
    {
        using var model = TinyModel.Train(ModelArchitecture.SharedBottom, rows: 200, epochs: 1);

        Assert.Null(ExpertDiversityCalculator.Compute(model.Network, TinyDataset.Encode(model.Data.Validation, model.Schema)));
    }

    [Fact]
    public void Export_MmoeManifest_CarriesDiversityAndGateFiguresThroughJson()
    {
        using var model = TinyModel.Train(ModelArchitecture.Mmoe, rows: 300, epochs: 1);
        var (manifest, _) = TrainedExport.Export(model);
        var withDiversity = manifest with { ExpertDiversity = ExpertDiversityCalculator.Compute(model.Network, TinyDataset.Encode(model.Data.Validation, model.Schema)) };

        var json = System.Text.Json.JsonSerializer.Serialize(withDiversity, ModelFiles.JsonOptions);
        var read = System.Text.Json.JsonSerializer.Deserialize<ModelManifest>(json, ModelFiles.JsonOptions)!;

        Assert.Contains("\"meanLinearCka\"", json, StringComparison.Ordinal);
        Assert.Equal(withDiversity.ExpertDiversity!.MeanLinearCka, read.ExpertDiversity!.MeanLinearCka);
        Assert.All(read.Gates.Values, g => Assert.NotNull(g.Polarisation));
    }
}
