using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// Holds the first inference run, with its model lease, until the test releases it: makes "a request in flight
/// during a swap" a fact the test arranges rather than a race it hopes for.
/// </summary>
public sealed class GatedRunner(OnnxInferenceRunner inner) : IInferenceRunner
{
    private int _gated;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Register(IServiceCollection services)
    {
        services.RemoveAll<IInferenceRunner>();
        services.AddSingleton<OnnxInferenceRunner>();
        services.AddSingleton<GatedRunner>();
        services.AddSingleton<IInferenceRunner>(sp => sp.GetRequiredService<GatedRunner>());
    }

    public async ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _gated, 1) == 0)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }

        return await inner.RunAsync(model, batch, includeGates, cancellationToken);
    }
}
