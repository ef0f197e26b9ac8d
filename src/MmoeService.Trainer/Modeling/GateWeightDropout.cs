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
    // Scalars owned for the process: TorchSharp's implicit ones can be finalized mid-call (see OwnedScalarAdam).
    private static readonly Scalar Zero = 0.ToScalar();
    private static readonly Scalar Tiny = 1e-12.ToScalar();

    /// <param name="gate">[N, width] softmax weights.</param>
    /// <param name="rate">Probability of dropping each weight, in [0, 1).</param>
    public static Tensor Apply(Tensor gate, double rate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (rate <= 0)
        {
            return gate;
        }

        using var threshold = rate.ToScalar();
        var keep = torch.rand_like(gate).ge(threshold).to(gate.dtype);
        var kept = gate * keep;
        var sum = kept.sum(1, keepdim: true);
        return torch.where(sum.gt(Zero), kept / sum.clamp_min(Tiny), gate);
    }
}
