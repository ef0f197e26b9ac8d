using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.ModelRepository;

namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>
/// CUDA as a machine without it behaves: ONNX Runtime itself raises the <see cref="OnnxRuntimeException"/>
/// (its constructor is internal), here by asking for an execution provider no build has. Counts its calls.
/// </summary>
public sealed class UnavailableCuda : ICudaExecutionProvider
{
    private int _calls;

    public int Calls => _calls;

    public void Append(SessionOptions options, int deviceId)
    {
        Interlocked.Increment(ref _calls);
        options.AppendExecutionProvider("CUDA-unavailable-stand-in");
    }
}
