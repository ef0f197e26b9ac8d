using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Serving.Batching;

/// <summary>
/// Runs one request straight through the snapshot's shared session. Each call gets its own
/// <see cref="RunOptions"/> whose <c>Terminate</c> flag follows the request's cancellation, so a client that hangs up
/// stops its run instead of occupying ONNX Runtime threads.
/// </summary>
public sealed class OnnxInferenceRunner(BatchingMetrics metrics) : IInferenceRunner
{
    public ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();

        // Disposal runs in reverse: the registration goes before the RunOptions it touches.
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        try
        {
            var result = model.Onnx.Run(batch, includeGates, runOptions);
            metrics.Inference(model.Name, model.Version.ToString(CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            return ValueTask.FromResult(result);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            // ONNX Runtime reports a terminated run as an error; to the caller it is a cancellation.
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
