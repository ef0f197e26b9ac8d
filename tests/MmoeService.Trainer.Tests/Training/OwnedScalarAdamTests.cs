using MmoeService.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Tests.Training;

public sealed class OwnedScalarAdamTests
{
    [Fact]
    public void Step_SameGradientsAsTorchSharpsAdam_GivesBitIdenticalParameters()
    {
        using var ours = Network();
        using var theirs = Network();
        using var adam = new OwnedScalarAdam(ours.parameters(), learningRate: 0.01);
        using var reference = optim.Adam(theirs.parameters(), 0.01);
        var generator = new Random(7);

        for (var step = 0; step < 25; step++)
        {
            var batch = Enumerable.Range(0, 32 * 6).Select(_ => (float)generator.NextDouble()).ToArray();
            using var scope = NewDisposeScope();
            using var x = tensor(batch, [32, 6]);

            adam.ZeroGrad();
            ours.call(x).square().mean().backward();
            adam.Step();

            reference.zero_grad();
            theirs.call(x).square().mean().backward();
            reference.step();
        }

        var expected = theirs.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        var actual = ours.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);   // exact: same kernels, same order, same scalar values
        }

        using var initial = Network();
        Assert.NotEqual(initial.parameters().First().data<float>().ToArray(), actual[0]);   // and the parameters did move
    }

    [Fact]
    public void Step_ParameterWithoutGradient_StaysUnchanged()
    {
        using var network = Network();
        using var adam = new OwnedScalarAdam(network.parameters(), learningRate: 0.1);
        var before = network.parameters().Select(p => p.data<float>().ToArray()).ToArray();

        adam.Step();

        Assert.Equal(before, network.parameters().Select(p => p.data<float>().ToArray()).ToArray());
    }

    private static nn.Module<Tensor, Tensor> Network()
    {
        torch.manual_seed(3);
        return nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 2));
    }
}
