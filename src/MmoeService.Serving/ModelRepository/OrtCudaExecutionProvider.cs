using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace MmoeService.Serving.ModelRepository;

/// <summary>The real CUDA provider: throws <see cref="OnnxRuntimeException"/> when the CUDA libraries or a device are missing.</summary>
public sealed class OrtCudaExecutionProvider : ICudaExecutionProvider
{
    public void Append(SessionOptions options, int deviceId)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AppendExecutionProvider_CUDA(deviceId);
    }
}
