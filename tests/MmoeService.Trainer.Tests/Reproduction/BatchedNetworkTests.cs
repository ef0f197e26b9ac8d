using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Reproduction;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Tests.Reproduction;

[Collection(TorchCollection.Name)]
public sealed class BatchedNetworkTests
{
    private const int Inputs = 6;
    private const int Runs = 3;

    // A numeric-only schema of width d, the input the service networks expect for synthetic data.
    private static readonly FeatureSchema Schema = SchemaFitter.Fit(PaperSyntheticGenerator.Generate(
        new PaperSyntheticOptions { Dimension = Inputs, TrainRows = 8, ValidationRows = 2, TestRows = 2 }, 1));

    [Theory]
    [InlineData(ModelArchitecture.Mmoe)]
    [InlineData(ModelArchitecture.Omoe)]
    [InlineData(ModelArchitecture.SharedBottom)]
    public void Forward_EveryRun_EqualsTheServiceNetworkWithThatRunsWeights(string architecture)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var units = architecture == ModelArchitecture.SharedBottom ? 7 : 4;
        using var batched = new BatchedNetwork(architecture, Runs, Inputs, 2, 3, units, 2, generator);
        manual_seed(9);
        var x = randn(Runs, 10, Inputs);
        batched.eval();
        var output = batched.call(x);

        Assert.Equal([Runs, 10L, 2L], output.shape);
        for (var r = 0; r < Runs; r++)
        {
            using var single = MultiTaskNetwork.Create(architecture, Schema, 2, 3, [units], [2]);
            var state = batched.StateDictOf(r);
            Assert.Equal(single.state_dict().Keys.Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
            single.load_state_dict(state);
            single.eval();
            var expected = single.call(x[r], zeros([10, 0], ScalarType.Int64));
            for (var k = 0; k < 2; k++)
            {
                var difference = expected.Predictions[k].sub(output[r, TensorIndex.Colon, k]).abs().max().item<float>();
                Assert.True(difference < 1e-5f, $"run {r} task {k}: max difference {difference}");
            }
        }
    }

    [Fact]
    public void ParametersPerRun_MatchesTheServiceNetworkCount()
    {
        using var generator = new Generator(1);
        using var batched = new BatchedNetwork(ModelArchitecture.Mmoe, Runs, Inputs, 2, 3, 4, 2, generator);
        using var single = MultiTaskNetwork.Create(ModelArchitecture.Mmoe, Schema, 2, 3, [4], [2]);

        Assert.Equal(single.parameters().Sum(p => p.numel()), batched.ParametersPerRun);
        Assert.Equal(batched.parameters().Sum(p => p.numel()), batched.ParametersPerRun * Runs);
    }

    [Fact]
    public void MatchingBottomWidth_PaperShapes_WithinTwoPercentOfMmoe()
    {
        var mmoe = BatchedNetwork.Count(ModelArchitecture.Mmoe, 100, 2, 8, 16, 8);
        var width = BatchedNetwork.MatchingBottomWidth(mmoe, 100, 2, 8);
        var shared = BatchedNetwork.Count(ModelArchitecture.SharedBottom, 100, 2, 0, width, 8);

        Assert.Equal(14_818, mmoe);
        Assert.Equal(126, width);
        Assert.InRange(Math.Abs(shared - mmoe) / (double)mmoe, 0, 0.02);
    }
}
