using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.ModelRepository;
using MmoeService.Api.Observability;
using Prometheus;
using MmoeService.Serving.Observability;

namespace MmoeService.Api.Tests.ModelRepository;

[Trait("Kind", "Unit")]
public sealed class ExecutionProviderPolicyTests : IDisposable
{
    // The policy logs through this factory for the whole test, so the test class owns (and disposes) both.
    private readonly FakeLogCollector _logs = new();
    private readonly FakeLoggerProvider _provider;
    private readonly ILoggerFactory _loggers;

    public ExecutionProviderPolicyTests()
    {
        _provider = new FakeLoggerProvider(_logs);
        _loggers = LoggerFactory.Create(b => b.AddProvider(_provider).SetMinimumLevel(LogLevel.Trace));
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _provider.Dispose();
    }

    [Fact]
    public void StandIn_Append_ThrowsOnnxRuntimeException()
    {
        using var options = new SessionOptions();
        Assert.Throws<OnnxRuntimeException>(() => new UnavailableCuda().Append(options, 0));
    }

    [Fact]
    public void Policy_AutoWithoutCuda_FallsBackToCpuWithOneWarningNamingTheReason()
    {
        var policy = Policy(ExecutionProviderMode.Auto, new UnavailableCuda());

        Assert.Equal(ExecutionProviderPolicy.Cpu, policy.Provider);
        using (policy.CreateSessionOptions())
        using (policy.CreateSessionOptions())
        {
            // Sessions for several versions: still one warning.
        }

        var warning = Assert.Single(_logs.GetSnapshot(), e => e.Level == LogLevel.Warning);
        Assert.Contains("falling back to CPU", warning.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA-unavailable-stand-in", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_CudaWithoutCuda_RefusesWithAMessageNamingTheSetting()
    {
        var policy = Policy(ExecutionProviderMode.Cuda, new UnavailableCuda());

        var error = Assert.Throws<InvalidOperationException>(() => policy.Provider);

        Assert.Contains("Inference:ExecutionProvider is Cuda", error.Message, StringComparison.Ordinal);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
    }

    [Fact]
    public void Policy_Cpu_NeverTriesCuda()
    {
        var cuda = new UnavailableCuda();
        var policy = Policy(ExecutionProviderMode.Cpu, cuda);

        using var options = policy.CreateSessionOptions();

        Assert.Equal(ExecutionProviderPolicy.Cpu, policy.Provider);
        Assert.Equal(0, cuda.Calls);
    }

    [Fact]
    public void Policy_AutoWithCuda_AppendsCudaToEverySession()
    {
        var cuda = new WorkingCuda();
        var policy = Policy(ExecutionProviderMode.Auto, cuda);

        using (policy.CreateSessionOptions())
        using (policy.CreateSessionOptions())
        {
        }

        Assert.Equal(ExecutionProviderPolicy.Cuda, policy.Provider);
        Assert.Equal(3, cuda.Calls); // the start-up probe, then one per session
    }

    private ExecutionProviderPolicy Policy(ExecutionProviderMode mode, ICudaExecutionProvider cuda) =>
        new(
            Options.Create(new InferenceOptions { ExecutionProvider = mode }),
            cuda,
            _loggers.CreateLogger<ExecutionProviderPolicy>(),
            new ModelMetrics(Metrics.NewCustomRegistry(), new DegradedMetrics(Metrics.NewCustomRegistry())));

    private sealed class WorkingCuda : ICudaExecutionProvider
    {
        public int Calls { get; private set; }

        public void Append(SessionOptions options, int deviceId) => Calls++;
    }
}
