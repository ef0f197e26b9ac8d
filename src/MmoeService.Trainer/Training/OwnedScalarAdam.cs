using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Training;

/// <summary>
/// Adam with PyTorch's defaults (β = (0.9, 0.999), ε = 1e-8, no weight decay), computing exactly what
/// TorchSharp's <c>optim.Adam</c> computes, kernel for kernel and in the same order, so the results are
/// bit-identical; the difference is that every <see cref="TorchSharp.Scalar"/> it hands libtorch is owned here and
/// disposed after the call.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 converts a <c>double</c> passed to an operator into a Scalar that nothing references once its
/// handle has been read, and its optimisers do this several times per parameter per step. A GC triggered on another
/// thread while libtorch is still reading that scalar lets the finalizer free it mid-call: libtorch then fails with
/// "Unknown scalar type" or "Expected false to be true" (from <c>toDouble</c>), intermittently and more often under
/// load. <c>bench/MmoeService.ScalarRace</c> reproduces it; docs/training.md has the figures.
/// </remarks>
public sealed class OwnedScalarAdam : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _learningRate;
    private long _step;

    public OwnedScalarAdam(IEnumerable<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        _parameters = [.. parameters];
        _learningRate = learningRate;
        _firstMoments = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _secondMoments = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    public void Step()
    {
        _step++;
        var biasCorrection1 = 1 - Math.Pow(AdamDefaults.Beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(AdamDefaults.Beta2, _step);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var rootCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var negativeStepSize = (-(_learningRate / biasCorrection1)).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad;
            if (grad is null)
            {
                continue;
            }

            _firstMoments[i].mul_(AdamDefaults.Beta1Scalar).add_(grad, alpha: AdamDefaults.OneMinusBeta1);
            _secondMoments[i].mul_(AdamDefaults.Beta2Scalar).addcmul_(grad, grad.conj(), value: AdamDefaults.OneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div(rootCorrection2).add_(AdamDefaults.EpsilonScalar);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, value: negativeStepSize);
        }
    }

    public void Dispose()
    {
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Dispose();
        }
    }
}
