using MmoeService.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Adam (Kingma and Ba 2015, Algorithm 1; PyTorch's defaults β = (0.9, 0.999), ε = 1e-8) with a learning
/// rate per run: every parameter has the runs dimension first, so one step updates R independent
/// optimisers. torch.optim.Adam has one rate per parameter tensor, which would force one rate on all runs.
/// A run whose rate is 0 does not move (how early stopping freezes it).
/// </summary>
public sealed class BatchedAdam : IDisposable
{
    private readonly IReadOnlyList<Tensor> parameters;
    private readonly Tensor[] first;
    private readonly Tensor[] second;
    private long step;

    public BatchedAdam(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters.ToArray();
        first = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        second = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <param name="learningRates">[R]: the rate of every run for this step.</param>
    public void Step(Tensor learningRates)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        step++;
        var correction1 = 1 - Math.Pow(AdamDefaults.Beta1, step);
        var correction2 = Math.Sqrt(1 - Math.Pow(AdamDefaults.Beta2, step));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var correction1Scalar = correction1.ToScalar();
        using var correction2Scalar = correction2.ToScalar();
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var g = p.grad;
            if (g is null)
            {
                continue;
            }

            first[i].mul_(AdamDefaults.Beta1Scalar).add_(g, alpha: AdamDefaults.OneMinusBeta1);
            second[i].mul_(AdamDefaults.Beta2Scalar).addcmul_(g, g, value: AdamDefaults.OneMinusBeta2);
            var shape = new long[p.dim()];
            Array.Fill(shape, 1L);
            shape[0] = p.shape[0];
            var rate = learningRates.view(shape).div(correction1Scalar);
            var denominator = second[i].sqrt().div_(correction2Scalar).add_(AdamDefaults.EpsilonScalar);
            p.sub_(first[i].div(denominator).mul_(rate));
            g.zero_();
        }
    }

    public void Dispose()
    {
        foreach (var t in first.Concat(second))
        {
            t.Dispose();
        }
    }
}
