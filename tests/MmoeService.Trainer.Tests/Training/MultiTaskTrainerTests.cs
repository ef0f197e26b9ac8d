using MmoeService.Contracts;

namespace MmoeService.Trainer.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class MultiTaskTrainerTests
{
    [Theory]
    [InlineData(ModelArchitecture.Mmoe)]
    [InlineData(ModelArchitecture.SharedBottom)]
    public void Train_SeededData_LossFalls(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 1000, epochs: 4);

        var history = model.Result.History;
        Assert.Equal(4, history.Count);
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss * 0.9, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        Assert.True(model.Result.Validation[0].Auc > 0.65, $"validation AUC {model.Result.Validation[0].Auc}");
    }

    [Fact]
    public void Train_RegressionTask_ReportsRmseAndR2()
    {
        using var model = TinyModel.Train(ModelArchitecture.Mmoe, rows: 600, epochs: 3, regression: true);

        var watch = model.Result.Validation[1];
        Assert.NotNull(watch.Rmse);
        Assert.True(watch.R2 > 0, $"R² {watch.R2}");
    }

    [Fact]
    public void Train_SameSeed_SameWeights()
    {
        using var first = TinyModel.Train(ModelArchitecture.Mmoe, rows: 300, epochs: 2);
        using var second = TinyModel.Train(ModelArchitecture.Mmoe, rows: 300, epochs: 2);

        var a = first.Network.state_dict();
        var b = second.Network.state_dict();
        Assert.All(a.Keys, k => Assert.True(a[k].equal(b[k]).all().item<bool>(), k));
    }

    [Fact]
    public void Train_History_RecordsEveryStep()
    {
        using var model = TinyModel.Train(ModelArchitecture.Omoe, rows: 300, epochs: 2);

        // 300 rows in batches of 64: 5 steps per epoch.
        Assert.All(model.Result.History, e => Assert.Equal(5, e.StepLosses.Count));
        Assert.Equal(600, model.Result.RowsTrained);
        Assert.True(model.Result.RowsPerSecond > 0);
    }
}
