using MmoeService.Contracts;

namespace MmoeService.Trainer.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class CgcPleTrainingTests
{
    [Theory]
    [InlineData(ModelArchitecture.Cgc)]
    [InlineData(ModelArchitecture.Ple)]
    public void Train_SeededData_LossFalls(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 1000, epochs: 4);

        var history = model.Result.History;
        Assert.Equal(4, history.Count);
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss * 0.9, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        Assert.True(model.Result.Validation[0].Auc > 0.65, $"validation AUC {model.Result.Validation[0].Auc}");
    }

    [Fact]
    public void ToHyperParameters_Ple_RecordsSpecificExpertsLevelsAndGateDropout()
    {
        var options = TinyModel.SmallOptions(ModelArchitecture.Ple);
        options.SpecificExperts = 2;
        options.Levels = 3;
        options.GateDropout = 0.1;

        var hyper = options.ToHyperParameters(2, ["a", "b"]);

        Assert.Equal((3, 2, 3, 0.1), (hyper.Experts, hyper.SpecificExperts, hyper.Levels, hyper.GateDropout));
        Assert.Equal(5, options.GateWidthFor(ModelArchitecture.Ple));
    }

    [Fact]
    public void ToHyperParameters_Mmoe_HasNoTaskExpertsOrLevels()
    {
        var options = TinyModel.SmallOptions(ModelArchitecture.Mmoe);
        options.SpecificExperts = 2;

        var hyper = options.ToHyperParameters(2, ["a", "b"]);

        Assert.Equal((3, 0, 0), (hyper.Experts, hyper.SpecificExperts, hyper.Levels));
    }
}
