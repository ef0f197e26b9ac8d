using MmoeService.Contracts;
using MmoeService.Trainer.Modeling;
using MmoeService.Trainer.Tests.Training;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Tests.Modeling;

[Collection(TorchCollection.Name)]
public sealed class ProgressiveLayeredExtractionNetworkTests
{
    private static readonly FeatureSchema Schema = TinyDataset.FitSchema(TinyDataset.Create(100));

    private static (Tensor Numeric, Tensor Categorical) Batch(int rows)
    {
        manual_seed(3);
        var numeric = randn(rows, Schema.Numeric.Count);
        var categorical = stack(Schema.Categorical.Select(f => randint(0, f.Cardinality, [rows], dtype: ScalarType.Int64)).ToArray(), 1);
        return (numeric, categorical);
    }

    [Theory]
    [InlineData(ModelArchitecture.Cgc)]
    [InlineData(ModelArchitecture.Ple)]
    public void Forward_TaskGates_SpanOwnAndSharedExpertsAndSumToOne(string architecture)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(architecture, Schema, 2, 3, [8], [4], specificExperts: 2, levels: 2);
        network.eval();
        var (numeric, categorical) = Batch(40);

        var output = network.call(numeric, categorical);

        Assert.Equal(architecture, network.Architecture);
        Assert.Equal(5, network.Experts);
        Assert.Equal(2, output.Gates!.Count);
        foreach (var gate in output.Gates)
        {
            Assert.Equal([40L, 5L], gate.shape);
            Assert.All(gate.sum(1).data<float>().ToArray(), s => Assert.Equal(1f, s, 1e-6f));
        }

        Assert.All(output.Predictions, p => Assert.Equal([40L], p.shape));
    }

    [Fact]
    public void Ple_WeightNames_HaveSharedGateBelowTheLastLevelOnly()
    {
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(ModelArchitecture.Ple, Schema, 2, 2, [8], [4], specificExperts: 1, levels: 3);
        var names = network.state_dict().Keys.ToHashSet();

        Assert.Contains("levels.0.sharedGate.0.weight", names);
        Assert.Contains("levels.1.sharedGate.0.weight", names);
        Assert.DoesNotContain("levels.2.sharedGate.0.weight", names);
        Assert.Contains("levels.2.taskExperts.1.layers.0.weight", names);
        Assert.Contains("levels.2.sharedExperts.1.layers.0.bias", names);
        Assert.Contains("levels.2.taskGates.1.weight", names);
        Assert.DoesNotContain("levels.2.taskGates.1.bias", names);
        // The shared gate mixes every expert of its level: 2 tasks x 1 specific + 2 shared.
        Assert.Equal(4L, network.state_dict()["levels.0.sharedGate.0.weight"].shape[0]);
    }

    [Fact]
    public void Cgc_WeightNames_HaveOneLevelWithoutSharedGate()
    {
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(ModelArchitecture.Cgc, Schema, 2, 2, [8], [4], specificExperts: 1, levels: 5);
        var names = network.state_dict().Keys.ToHashSet();

        Assert.DoesNotContain(names, n => n.StartsWith("levels.1.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("sharedGate", StringComparison.Ordinal));
        Assert.Contains("levels.0.taskExperts.1.layers.0.weight", names);
    }

    [Fact]
    public void ExpertOutputs_Cgc_NamesTaskExpertsThenShared()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(ModelArchitecture.Cgc, Schema, 2, 2, [8], [4], specificExperts: 1);
        var (numeric, categorical) = Batch(10);

        var outputs = network.ExpertOutputs(numeric, categorical);

        Assert.Equal(["levels.0.taskExperts.0", "levels.0.taskExperts.1", "levels.0.sharedExperts.0", "levels.0.sharedExperts.1"], network.ExpertNames);
        Assert.Equal(4, outputs.Count);
        Assert.All(outputs, o => Assert.Equal([10L, 8L], o.shape));
    }

    [Theory]
    [InlineData(ModelArchitecture.Mmoe)]
    [InlineData(ModelArchitecture.Cgc)]
    public void GateDropout_TrainingMode_ZeroesWeightsAndRenormalises(string architecture)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var network = MultiTaskNetwork.Create(architecture, Schema, 2, 4, [8], [4], specificExperts: 2);
        network.GateDropout = 0.3;
        var (numeric, categorical) = Batch(200);

        network.train();
        var dropped = network.call(numeric, categorical).Gates![0];
        network.eval();
        var kept = network.call(numeric, categorical).Gates![0];

        var zeros = dropped.eq(0).sum().item<long>();
        Assert.InRange(zeros, 200 * dropped.shape[1] / 10, 200 * dropped.shape[1] / 2);
        Assert.All(dropped.sum(1).data<float>().ToArray(), s => Assert.Equal(1f, s, 1e-5f));
        Assert.Equal(0, kept.eq(0).sum().item<long>());
    }

    [Fact]
    public void GateWeightDropout_RowLosingEveryWeight_KeepsItsGate()
    {
        using var scope = NewDisposeScope();
        var gate = tensor(new float[] { 0.25f, 0.75f }, [1, 2]);

        var result = GateWeightDropout.Apply(gate, 0.999999);

        Assert.Equal([0.25f, 0.75f], result.data<float>().ToArray());
    }
}
