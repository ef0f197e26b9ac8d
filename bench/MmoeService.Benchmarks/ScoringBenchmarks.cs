using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Scoring;
using MmoeService.Contracts;
using MmoeService.LoadGen;

namespace MmoeService.Benchmarks;

/// <summary>
/// The in-process floor of one scoring request on the committed default MMoE, gates included, one call at a time:
/// <list type="bullet">
/// <item><see cref="OnnxRuntimeAlone"/>: one InferenceSession.Run on pre-encoded rows (the floor);</item>
/// <item><see cref="EncodeAndRun"/>: the model's vectoriser plus the direct runner (encoding + run);</item>
/// <item><see cref="ParseRequest"/>: the body's JSON into a <see cref="ScoreRequest"/>;</item>
/// <item><see cref="Pipeline"/>: parse, <see cref="ScoringPipeline"/> (validate, route, lease, encode, run, rank, record), write the answer's JSON.</item>
/// </list>
/// The differences between them say where a request's time goes outside ONNX Runtime.
/// </summary>
public class ScoringBenchmarks
{
    private ScoringHost _host = null!;
    private byte[] _body = null!;
    private ScoreRequest _request = null!;
    private ModelLease _lease = null!;
    private OnnxInferenceRunner _runner = null!;
    private InferenceSession _session = null!;
    private EncodedBatch _encoded = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = null!;
    private string[] _outputNames = null!;
    private readonly ArrayBufferWriter<byte> _answer = new(1 << 20);

    [Params(1, 100, 1000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = ScoringHost.StartAsync(new Dictionary<string, string?> { ["Batching:Enabled"] = "false" }).GetAwaiter().GetResult();
        var examples = Path.Combine(ScoringHost.RepositoryRoot, "models", "mmoe", "1", "examples.json");
        _body = RequestBodies.Build(examples, Candidates, variants: 1, seed: 7)[0];
        _request = ScoreRequestReader.Parse(_body)!;
        var registry = _host.Services.GetRequiredService<ModelRegistry>();
        var lease = registry.Acquire("mmoe") ?? throw new InvalidOperationException("mmoe did not load.");
        _lease = lease;
        _runner = _host.Services.GetRequiredService<OnnxInferenceRunner>();
        var valid = Validate(_request);
        _encoded = lease.Snapshot.Vectoriser.Encode(valid.Context, valid.CandidateFeatures, out var failure)
            ?? throw new InvalidOperationException(failure!.Title);

        // The floor: a session of its own built with the service's session options, run on the same rows.
        var manifest = lease.Snapshot.Manifest;
        using var sessionOptions = _host.Services.GetRequiredService<ExecutionProviderPolicy>().CreateSessionOptions();
        _session = new InferenceSession(Path.Combine(ScoringHost.RepositoryRoot, "models", "mmoe", "1", ModelFiles.Onnx), sessionOptions);
        _runOptions = new RunOptions();
        _inputNames = [FeatureSchema.NumericInput, FeatureSchema.CategoricalInput];
        _outputNames = [.. manifest.Tasks.Select(t => t.Output), .. manifest.Tasks.Select(t => t.GateOutput!)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoded.Dispose();
        _session.Dispose();
        _runOptions.Dispose();
        _lease.Dispose();
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "ONNX Runtime alone")]
    public float OnnxRuntimeAlone()
    {
        using var numeric = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _encoded.Numeric, [_encoded.Rows, _encoded.NumericWidth]);
        using var categorical = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _encoded.Categorical, [_encoded.Rows, _encoded.CategoricalWidth]);
        using var outputs = _session.Run(_runOptions, _inputNames, [numeric, categorical], _outputNames);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    [Benchmark(Description = "Encode + run")]
    public async Task<int> EncodeAndRun()
    {
        var snapshot = _lease.Snapshot;
        var valid = Validate(_request);
        var batch = snapshot.Vectoriser.Encode(valid.Context, valid.CandidateFeatures, out _) ?? throw new InvalidOperationException("Encoding failed.");
        using (batch)
        {
            var result = await _runner.RunAsync(snapshot, batch, includeGates: true, CancellationToken.None);
            return result.Rows;
        }
    }

    [Benchmark(Description = "Parse request JSON")]
    public int ParseRequest() => ScoreRequestReader.Parse(_body)!.Candidates!.Count;

    [Benchmark(Description = "Pipeline (parse, score, write answer)")]
    public async Task<int> Pipeline()
    {
        using var scope = _host.Services.CreateScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<ScoringPipeline>();
        var request = ScoreRequestReader.Parse(_body)!;
        var outcome = await pipeline.ScoreAsync(request, model: null, CancellationToken.None);
        if (outcome is not ScoreOutcome.Scored scored)
        {
            throw new InvalidOperationException($"Scoring failed: {outcome}");
        }

        _answer.ResetWrittenCount();
        ScoreResponseWriter.Write(_answer, scored.Response);
        return _answer.WrittenCount;
    }

    private static ValidScoreRequest Validate(ScoreRequest request) =>
        ScoreRequestValidator.TryValidate(request, int.MaxValue, out var valid, out var problem)
            ? valid
            : throw new InvalidOperationException(problem.Title);
}
