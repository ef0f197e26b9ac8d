namespace MmoeService.Serving.ModelRepository;

/// <summary>Which ONNX Runtime execution provider the service asks for (<c>Inference:ExecutionProvider</c>).</summary>
public enum ExecutionProviderMode
{
    /// <summary>Try CUDA; fall back to CPU with one warning naming the reason.</summary>
    Auto,

    /// <summary>CUDA or nothing: the service refuses to start when CUDA cannot be used.</summary>
    Cuda,

    /// <summary>CPU only; CUDA is never tried.</summary>
    Cpu,
}
