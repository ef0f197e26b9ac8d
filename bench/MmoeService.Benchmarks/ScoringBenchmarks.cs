using System.Buffers;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Inference;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Scoring;
using MmoeService.Contracts;
using MmoeService.LoadGen;

namespace MmoeService.Benchmarks;

/// <summary>
/// The in-process cost of one scoring request on the committed default MMoE, one call at a time, stage by stage:
/// <list type="bullet">
/// <item><see cref="OnnxRuntimeAlone"/>: one InferenceSession.Run on pre-encoded rows, gates fetched (the floor);</item>
/// <item><see cref="ParseRequest"/>: the body's JSON into a <see cref="ScoreInput"/> (columns);</item>
/// <item><see cref="EncodeAndRun"/>: the model's vectoriser plus the direct runner, gates fetched, on a parsed request;</item>
/// <item><see cref="WriteAnswer"/>: the answer's JSON (<see cref="ScoreResponseWriter"/>, Scoring:SignificantDigits) of a scored request;</item>
/// <item><see cref="Pipeline"/>: parse, <see cref="ScoringPipeline"/> (validate, route, lease, encode, run, rank, record), write.</item>
/// </list>
/// The request is routed (<c>/score</c>) and asks for the gates, as the load generator does; the differences
/// between the rows say where a request's time goes outside ONNX Runtime.
/// </summary>
public class ScoringBenchmarks
{
    private ScoringHost _host = null!;
    private byte[] _body = null!;
    private ScoreInput _request = null!;
    private ModelLease _lease = null!;
    private OnnxInferenceRunner _runner = null!;
    private ScoringPipeline _pipeline = null!;
    private ScoreResponse _scored = null!;
    private int _digits;
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
        _pipeline = _host.Services.GetRequiredService<ScoringPipeline>();
        _digits = _host.Services.GetRequiredService<IOptions<ScoringOptions>>().Value.SignificantDigits;
        _encoded = lease.Snapshot.Vectoriser.Encode(_request.Context, _request.Columns, _request.Count, out var failure)
            ?? throw new InvalidOperationException(failure!.Title);
        _scored = Score().GetAwaiter().GetResult();

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
        _request.Dispose();
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

    [Benchmark(Description = "Parse request JSON")]
    public int ParseRequest()
    {
        using var request = ScoreRequestReader.Parse(_body)!;
        return request.Count;
    }

    [Benchmark(Description = "Encode + run")]
    public async Task<int> EncodeAndRun()
    {
        var snapshot = _lease.Snapshot;
        var batch = snapshot.Vectoriser.Encode(_request.Context, _request.Columns, _request.Count, out _) ?? throw new InvalidOperationException("Encoding failed.");
        using (batch)
        {
            var result = await _runner.RunAsync(snapshot, batch, includeGates: true, CancellationToken.None);
            result.ReleaseGates();
            return result.Rows;
        }
    }

    [Benchmark(Description = "Write answer JSON")]
    public int WriteAnswer()
    {
        _answer.ResetWrittenCount();
        ScoreResponseWriter.Write(_answer, _scored, _digits);
        return _answer.WrittenCount;
    }

    [Benchmark(Description = "Pipeline (parse, score, write answer)")]
    public async Task<int> Pipeline()
    {
        var response = await Score();
        _answer.ResetWrittenCount();
        ScoreResponseWriter.Write(_answer, response, _digits);
        response.Items.Release();
        return _answer.WrittenCount;
    }

    private async Task<ScoreResponse> Score()
    {
        using var request = ScoreRequestReader.Parse(_body)!;
        var outcome = await _pipeline.ScoreAsync(request, model: null, CancellationToken.None);
        return outcome is ScoreOutcome.Scored scored ? scored.Response : throw new InvalidOperationException($"Scoring failed: {outcome}");
    }
}
