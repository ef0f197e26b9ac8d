using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MmoeService.Benchmarks;

// "floor [seconds]": ONNX Runtime's own throughput table; "profile", "allocations": see below; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "floor")
{
    var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    OnnxFloor.Run(TimeSpan.FromSeconds(seconds), [100, 1000]);
    return;
}

// "profile <candidates> [seconds]": the pipeline in a loop, for dotnet-trace.
if (args.Length > 1 && args[0] == "profile")
{
    PipelineLoop.Run(int.Parse(args[1], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20));
    return;
}

// "allocations <candidates> [calls]": bytes per call of each stage, by type.
if (args.Length > 1 && args[0] == "allocations")
{
    AllocationProfile.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5000);
    return;
}

// In-process toolchain: the benchmarks measure this build of the service's code on the committed models, without
// BenchmarkDotNet generating and building a separate project per run (slow on a shared 2-core machine).
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithWarmupCount(3)
    .WithIterationCount(10)
    .WithId("InProcess");
var config = ManualConfig.CreateMinimumViable()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args, config);
