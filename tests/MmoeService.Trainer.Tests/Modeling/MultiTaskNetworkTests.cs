using MmoeService.Contracts;
using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Tests.Training;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Tests.Modeling;

[Collection(TorchCollection.Name)]
public sealed class MultiTaskNetworkTests
{
    private static readonly FeatureSchema Schema = TinyDataset.FitSchema(TinyDataset.Create(100));

    private static MultiTaskOutput Forward(MultiTaskNetwork network, int rows)
    {
        manual_seed(3);
        var numeric = randn(rows, Schema.Numeric.Count);
        var categorical = stack(Schema.Categorical.Select(f => randint(0, f.Cardinality, [rows], dtype: ScalarType.Int64)).ToArray(), 1);
        network.eval();
        return network.call(numeric, categorical);
    }

    [Fact]
    public void Mmoe_Forward_GatesSumToOnePerRow()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(ModelArchitecture.Mmoe, Schema, 2, 4, [8], [4]);
        var output = Forward(network, 50);

        Assert.Equal(2, output.Gates!.Count);
        foreach (var gate in output.Gates)
        {
            Assert.Equal([50L, 4L], gate.shape);
            var sums = gate.sum(1).data<float>().ToArray();
            Assert.All(sums, s => Assert.Equal(1f, s, 1e-6f));
        }

        Assert.All(output.Predictions, p => Assert.Equal([50L], p.shape));
    }

    [Fact]
    public void Omoe_Forward_SharesOneGateAcrossTasks()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(ModelArchitecture.Omoe, Schema, 2, 4, [8], [4]);
        var output = Forward(network, 20);

        Assert.Equal(output.Gates![0].data<float>().ToArray(), output.Gates[1].data<float>().ToArray());
        Assert.DoesNotContain(network.state_dict().Keys, k => k.StartsWith("gates.1.", StringComparison.Ordinal));
    }

    [Fact]
    public void SharedBottom_Forward_HasNoGates()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(ModelArchitecture.SharedBottom, Schema, 2, 0, [8], []);
        var output = Forward(network, 20);

        Assert.Null(output.Gates);
        Assert.Equal(2, output.Predictions.Count);
    }

    [Fact]
    public void Mmoe_WeightNames_FollowFieldNames()
    {
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(ModelArchitecture.Mmoe, Schema, 2, 3, [8, 6], [4]);
        var names = network.state_dict().Keys.ToHashSet();

        Assert.Contains("embedding.tables.0.weight", names);
        Assert.Contains("experts.2.layers.1.bias", names);
        Assert.Contains("gates.1.weight", names);
        Assert.DoesNotContain("gates.1.bias", names);
        Assert.Contains("towers.1.layers.0.weight", names);
        Assert.Contains("heads.1.bias", names);
    }

    [Fact]
    public void Create_SameSeed_SameInitialWeights()
    {
        manual_seed(5);
        using var first = MultiTaskNetwork.Create(ModelArchitecture.Mmoe, Schema, 2, 3, [8], [4]);
        manual_seed(5);
        using var second = MultiTaskNetwork.Create(ModelArchitecture.Mmoe, Schema, 2, 3, [8], [4]);

        var a = first.state_dict();
        var b = second.state_dict();
        Assert.All(a.Keys, k => Assert.True(a[k].equal(b[k]).all().item<bool>(), k));
    }
}
