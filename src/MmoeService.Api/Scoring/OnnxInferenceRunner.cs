using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Api.Models;
using MmoeService.Api.Observability;

namespace MmoeService.Api.Scoring;

/// <summary>
/// Runs one request straight through the snapshot's shared session with the OrtValue API. Each call gets its own
/// <see cref="RunOptions"/> whose <c>Terminate</c> flag follows the request's cancellation, so a client that hangs up
/// stops its run instead of occupying ONNX Runtime threads.
/// </summary>
public sealed class OnnxInferenceRunner(ApiMetrics metrics) : IInferenceRunner
{
    public ValueTask<InferenceResult> RunAsync(ModelSnapshot model, EncodedBatch batch, bool includeGates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var gates = includeGates && model.HasGates;
        var outputNames = gates ? model.OutputsWithGates : model.TaskOutputs;
        var taskCount = model.TaskOutputs.Count;
        var started = Stopwatch.GetTimestamp();

        // Disposal runs in reverse: the registration goes before the RunOptions it touches.
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        try
        {
            using var outputs = model.Run(runOptions, batch.Numeric, batch.Categorical, batch.Rows, outputNames);
            var tasks = new float[taskCount][];
            for (var t = 0; t < taskCount; t++)
            {
                tasks[t] = outputs[t].GetTensorDataAsSpan<float>().ToArray();
            }

            float[][]? gateWeights = null;
            if (gates)
            {
                gateWeights = new float[taskCount][];
                for (var t = 0; t < taskCount; t++)
                {
                    gateWeights[t] = outputs[taskCount + t].GetTensorDataAsSpan<float>().ToArray();
                }
            }

            metrics.Inference(model.Name, model.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            return ValueTask.FromResult(new InferenceResult(batch.Rows, tasks, gateWeights, model.Manifest.Experts));
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            // ONNX Runtime reports a terminated run as an error; to the caller it is a cancellation.
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
