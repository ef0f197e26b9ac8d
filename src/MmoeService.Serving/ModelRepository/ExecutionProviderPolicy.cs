using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace MmoeService.Serving.ModelRepository;

/// <summary>
/// Decides once per process which execution provider every session uses, and builds session options for it.
/// The decision is made at start (<see cref="ModelPoller.StartAsync"/>) so that <c>Cuda</c> without CUDA stops
/// the host before it listens, and <c>Auto</c> logs its fallback exactly once instead of once per model version.
/// </summary>
public sealed class ExecutionProviderPolicy
{
    public const string Cuda = "CUDA";
    public const string Cpu = "CPU";

    private readonly InferenceOptions _options;
    private readonly ICudaExecutionProvider _cuda;
    private readonly ILogger<ExecutionProviderPolicy> _logger;
    private readonly ModelMetrics _metrics;
    private readonly Lazy<string> _provider;

    public ExecutionProviderPolicy(
        IOptions<InferenceOptions> options,
        ICudaExecutionProvider cuda,
        ILogger<ExecutionProviderPolicy> logger,
        ModelMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _cuda = cuda;
        _logger = logger;
        _metrics = metrics;
        _provider = new Lazy<string>(Decide, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary><see cref="Cuda"/> or <see cref="Cpu"/>; the first read makes the decision.</summary>
    /// <exception cref="InvalidOperationException">The mode is <c>Cuda</c> and CUDA cannot be used.</exception>
    public string Provider => _provider.Value;

    /// <summary>Session options for one new session; the caller owns (and disposes) them.</summary>
    public SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions
        {
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = _options.IntraOpNumThreads,
            InterOpNumThreads = _options.InterOpNumThreads,
        };
        var spinning = _options.AllowSpinning ? "1" : "0";
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", spinning);
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", spinning);
        if (Provider == Cuda)
        {
            try
            {
                _cuda.Append(options, _options.CudaDeviceId);
            }
            catch
            {
                options.Dispose();
                throw;
            }
        }

        return options;
    }

    private string Decide()
    {
        var provider = DecideCore();
        _metrics.SetExecutionProvider(provider);
        ModelsLog.ExecutionProviderChosen(_logger, provider, _options.ExecutionProvider);
        return provider;
    }

    private string DecideCore()
    {
        if (_options.ExecutionProvider == ExecutionProviderMode.Cpu)
        {
            return Cpu;
        }

        try
        {
            // A throwaway options object: appending is where ONNX Runtime loads the CUDA provider library.
            using var probe = new SessionOptions();
            _cuda.Append(probe, _options.CudaDeviceId);
            return Cuda;
        }
        catch (OnnxRuntimeException ex)
        {
            if (_options.ExecutionProvider == ExecutionProviderMode.Cuda)
            {
                throw new InvalidOperationException(
                    $"{InferenceOptions.SectionName}:ExecutionProvider is Cuda but the CUDA execution provider cannot be used: {ex.Message.TrimEnd('.')}. " +
                    $"Install CUDA and cuDNN for ONNX Runtime, or set {InferenceOptions.SectionName}:ExecutionProvider to Auto or Cpu.",
                    ex);
            }

            ModelsLog.CudaUnavailableFallingBack(_logger, ex.Message);
            return Cpu;
        }
    }
}
