using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// The one call that attaches CUDA to a session. A seam because tests must see CUDA fail on machines
/// that have a GPU, and succeed on machines that have none.
/// </summary>
public interface ICudaExecutionProvider
{
    /// <summary>Adds CUDA to <paramref name="options"/>; throws <see cref="OnnxRuntimeException"/> when CUDA cannot be used.</summary>
    void Append(SessionOptions options, int deviceId);
}
