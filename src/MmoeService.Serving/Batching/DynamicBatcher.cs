using Microsoft.Extensions.Options;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Serving.Batching;

/// <summary>
/// Triton-style dynamic batching counted in rows: concurrent requests for the same model version (the same
/// <see cref="ModelSnapshot"/> instance, so a swap never mixes versions in one run) become one ONNX Runtime run
/// through the wrapped <see cref="OnnxInferenceRunner"/>. See <see cref="RowBatcher{TModel}"/> for the rules and
/// who owns what; this class only binds it to snapshots, their leases and the direct runner.
/// </summary>
public sealed class DynamicBatcher : IInferenceRunner, IAsyncDisposable
{
    private readonly RowBatcher<ModelSnapshot> _rows;

    public DynamicBatcher(OnnxInferenceRunner direct, IOptions<BatchingOptions> options, TimeProvider time, BatchingMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(direct);
        ArgumentNullException.ThrowIfNull(options);
        _rows = new RowBatcher<ModelSnapshot>(
            options.Value,
            time,
            metrics,
            static snapshot => snapshot.Lease(),
            direct.RunAsync,
            static snapshot => snapshot.Name);
    }

    /// <exception cref="BatchQueueFullException">Batching:MaxQueuedRows rows are waiting already.</exception>
    public ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken) =>
        _rows.RunAsync(model, batch, includeGates, cancellationToken);

    public ValueTask DisposeAsync() => _rows.DisposeAsync();
}
