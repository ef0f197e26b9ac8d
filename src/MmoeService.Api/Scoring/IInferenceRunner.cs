using MmoeService.Api.Models;

namespace MmoeService.Api.Scoring;

/// <summary>
/// The step between a request and ONNX Runtime. Today <see cref="OnnxInferenceRunner"/> runs each request on
/// its own; a dynamic batcher (Triton's MaxBatchSize / MaxQueueDelay) implements this same interface and
/// wraps it, so neither the endpoint nor the ONNX code changes when batching arrives.
/// </summary>
public interface IInferenceRunner
{
    /// <summary>Scores <paramref name="batch"/> on <paramref name="model"/>; cancellation stops the run.</summary>
    ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken);
}
