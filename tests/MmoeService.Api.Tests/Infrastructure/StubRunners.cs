using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// Replaces the inference runner with <typeparamref name="TRunner"/> (which may wrap the real
/// <see cref="OnnxInferenceRunner"/>), so a test can make a run hang or return what ONNX Runtime would not.
/// </summary>
public static class StubRunners
{
    public static void Register<TRunner>(IServiceCollection services) where TRunner : class, IInferenceRunner
    {
        services.RemoveAll<IInferenceRunner>();
        services.AddSingleton<OnnxInferenceRunner>();
        services.AddSingleton<TRunner>();
        services.AddSingleton<IInferenceRunner>(sp => sp.GetRequiredService<TRunner>());
    }
}

/// <summary>Never finishes on its own: every run waits for its cancellation (the request timeout or the client).</summary>
public sealed class HangingRunner : IInferenceRunner
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => Cancelled.TrySetResult(true));
        Entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>Runs the real model, then overwrites the first task's output of the second row with NaN.</summary>
public sealed class NaNRunner(OnnxInferenceRunner inner) : IInferenceRunner
{
    public async ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken)
    {
        var result = await inner.RunAsync(model, batch, includeGates, cancellationToken);
        result.Tasks[0][Math.Min(1, result.Rows - 1)] = float.NaN;
        return result;
    }
}

/// <summary>Runs the real model, then makes the first task's output of the first row negative (a regression head could).</summary>
public sealed class NegativeOutputRunner(OnnxInferenceRunner inner) : IInferenceRunner
{
    public async ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken)
    {
        var result = await inner.RunAsync(model, batch, includeGates, cancellationToken);
        result.Tasks[0][0] = -0.5f;
        return result;
    }
}
