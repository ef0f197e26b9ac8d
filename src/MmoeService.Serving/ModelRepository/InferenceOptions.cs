using System.ComponentModel.DataAnnotations;

namespace MmoeService.Serving.ModelRepository;

/// <summary>ONNX Runtime session settings (section "Inference"), applied to every session the service creates.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary><c>Auto</c> tries CUDA and falls back to CPU with a warning; <c>Cuda</c> refuses to start without it; <c>Cpu</c> never tries.</summary>
    public ExecutionProviderMode ExecutionProvider { get; set; } = ExecutionProviderMode.Auto;

    /// <summary>CUDA device ordinal used when CUDA is in use.</summary>
    [Range(0, 64)]
    public int CudaDeviceId { get; set; }

    /// <summary>
    /// Threads one run may use inside an operator; 0 lets ONNX Runtime pick (one per physical core). Default 1:
    /// the default models are small MLPs whose operators gain nothing from a second thread, while the service
    /// already runs one inference per core in parallel (concurrent requests, or Batching:MaxConcurrentRuns), so
    /// more threads per run only oversubscribe the cores (docs/benchmarks.md, "ONNX Runtime alone").
    /// </summary>
    [Range(0, 1024)]
    public int IntraOpNumThreads { get; set; } = 1;

    /// <summary>Threads for running independent graph nodes in parallel; 0 lets ONNX Runtime pick.</summary>
    [Range(0, 1024)]
    public int InterOpNumThreads { get; set; }

    /// <summary>
    /// Whether ONNX Runtime worker threads busy-wait for work. Off by default: spinning burns the cores
    /// that ASP.NET Core needs for parsing and encoding between runs.
    /// </summary>
    public bool AllowSpinning { get; set; }
}
