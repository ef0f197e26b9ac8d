using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Serving.Batching;

/// <summary>
/// The step between the scoring pipeline and ONNX Runtime. <see cref="OnnxInferenceRunner"/> runs each request on
/// its own; a dynamic batcher (Triton's MaxBatchSize / MaxQueueDelay, counted in rows) implements this same
/// interface and wraps it, so neither the pipeline nor the ONNX code changes when batching is switched on.
/// </summary>
public interface IInferenceRunner
{
    /// <summary>
    /// Scores every row of <paramref name="batch"/> on <paramref name="model"/>; cancellation stops the run (or takes
    /// the rows out of a pending batch). The caller holds a lease on <paramref name="model"/> and owns
    /// <paramref name="batch"/> until the call returns; an implementation that keeps either past a cancelled call
    /// takes its own lease (<see cref="ModelSnapshot.Lease"/>) and its own copy of the rows.
    /// </summary>
    ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken);
}
