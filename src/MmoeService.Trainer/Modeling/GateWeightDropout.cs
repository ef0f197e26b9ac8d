using TorchSharp;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// Gate dropout as in Zhao et al., "Recommending What Video to Watch Next" (RecSys 2019): during training each
/// gate weight is set to 0 with probability <c>rate</c> and the row is renormalised, so no task can lean on a
/// single expert. Rows that lose every weight keep their gate unchanged. The mask comes from libtorch's global
/// generator, which the trainer seeds.
/// </summary>
public static class GateWeightDropout
{
    /// <param name="gate">[N, width] softmax weights.</param>
    /// <param name="rate">Probability of dropping each weight, in [0, 1).</param>
    public static Tensor Apply(Tensor gate, double rate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (rate <= 0)
        {
            return gate;
        }

        var keep = torch.rand_like(gate).ge(rate).to(gate.dtype);
        var kept = gate * keep;
        var sum = kept.sum(1, keepdim: true);
        return torch.where(sum.gt(0), kept / sum.clamp_min(1e-12), gate);
    }
}
