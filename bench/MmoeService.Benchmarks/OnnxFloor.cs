using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MmoeService.Serving.Inference;
using MmoeService.Contracts;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace MmoeService.Benchmarks;

/// <summary>
/// ONNX Runtime's own throughput on the default MMoE: one session, pre-encoded rows, gates included, 1 or 2
/// callers running back to back for a fixed time, for each intra-op thread setting (spinning off, as the service
/// runs). This is the "same rows and cores" ceiling the service's candidates/s is compared with, and the
/// measurement behind the Inference:IntraOpNumThreads default.
/// </summary>
public static class OnnxFloor
{
    public static void Run(TimeSpan duration, IReadOnlyList<int> rowCounts)
    {
        var root = ScoringHost.RepositoryRoot;
        var manifest = ModelFiles.ReadManifest(Path.Combine(root, "models", "mmoe", "1", ModelFiles.Manifest));
        var outputs = manifest.Tasks.Select(t => t.Output).Concat(manifest.Tasks.Select(t => t.GateOutput!)).ToArray();
        Console.WriteLine("| rows per run | intra-op threads | parallel callers | runs/s | candidates/s | mean ms per run |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var rows in rowCounts)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                using var options = new SessionOptions
                {
                    ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                    GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                    IntraOpNumThreads = threads,
                    InterOpNumThreads = 1,
                };
                options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
                options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
                using var session = new InferenceSession(Path.Combine(root, "models", "mmoe", "1", ModelFiles.Onnx), options);
                using var batch = Rows(manifest, rows);
                foreach (var callers in new[] { 1, 2 })
                {
                    Measure(session, batch, outputs, callers, TimeSpan.FromSeconds(1));
                    var runs = Measure(session, batch, outputs, callers, duration);
                    var perSecond = runs / duration.TotalSeconds;
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {rows} | {threads} | {callers} | {perSecond:0} | {perSecond * rows:0} | {1000.0 * callers / perSecond:0.000} |"));
                }
            }
        }
    }

    private static long Measure(InferenceSession session, EncodedBatch batch, string[] outputs, int callers, TimeSpan duration)
    {
        long runs = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var threads = Enumerable.Range(0, callers).Select(_ => new Thread(() =>
        {
            using var runOptions = new RunOptions();
            string[] inputs = [FeatureSchema.NumericInput, FeatureSchema.CategoricalInput];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                using var numeric = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Numeric, [batch.Rows, batch.NumericWidth]);
                using var categorical = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Categorical, [batch.Rows, batch.CategoricalWidth]);
                using var results = session.Run(runOptions, inputs, [numeric, categorical], outputs);
                Interlocked.Increment(ref runs);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return runs;
    }

    /// <summary>Valid rows with a fixed seed: standardised numbers and categories within each feature's table.</summary>
    private static EncodedBatch Rows(ModelManifest manifest, int rows)
    {
        var random = new Random(7);
        var features = manifest.Features;
        var batch = EncodedBatch.Rent(rows, features.Numeric.Count, features.Categorical.Count);
        foreach (ref var value in batch.Numeric.Span)
        {
            value = (float)(random.NextDouble() * 2 - 1);
        }

        var categorical = batch.Categorical.Span;
        for (var i = 0; i < categorical.Length; i++)
        {
            categorical[i] = random.NextInt64(0, features.Categorical[i % features.Categorical.Count].Cardinality);
        }

        return batch;
    }
}
