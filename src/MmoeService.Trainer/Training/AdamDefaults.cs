using TorchSharp;

namespace MmoeService.Trainer.Training;

/// <summary>
/// PyTorch's Adam defaults (β = (0.9, 0.999), ε = 1e-8), with the Scalars both Adam implementations hand libtorch
/// (<see cref="OwnedScalarAdam"/> and the batched sweep's <c>BatchedAdam</c>). Held for the process: TorchSharp's
/// implicit Scalars can be finalized while libtorch reads them (see <see cref="OwnedScalarAdam"/>).
/// </summary>
internal static class AdamDefaults
{
    public const double Beta1 = 0.9;
    public const double Beta2 = 0.999;
    public const double Epsilon = 1e-8;

    public static readonly Scalar Beta1Scalar = Beta1.ToScalar();
    public static readonly Scalar Beta2Scalar = Beta2.ToScalar();
    public static readonly Scalar OneMinusBeta1 = (1 - Beta1).ToScalar();
    public static readonly Scalar OneMinusBeta2 = (1 - Beta2).ToScalar();
    public static readonly Scalar EpsilonScalar = Epsilon.ToScalar();
}
