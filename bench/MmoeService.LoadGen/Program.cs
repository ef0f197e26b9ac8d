using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using MmoeService.LoadGen;

LoadGenArguments arguments;
try
{
    arguments = LoadGenArguments.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadGenArguments.Usage);
    return 2;
}

var bodies = RequestBodies.Build(arguments.Examples, arguments.Candidates, variants: 16, arguments.Seed);
const int MaxInFlight = 512;
using IScoreSender sender = arguments.Protocol == "grpc"
    ? new GrpcSender(arguments.GrpcUrl, bodies)
    : new RestSender(arguments.Url, arguments.Path, bodies, Math.Max(MaxInFlight, arguments.Concurrency.Max()));
var requestBytes = sender is GrpcSender columns ? columns.RequestBytes : bodies[0].Length;

// One request first: proves the service answers, and names the model version being measured.
if (sender is GrpcSender grpc)
{
    try
    {
        var model = await grpc.ProbeAsync();
        Console.WriteLine($"Model: {model.Name} v{model.Version} ({model.Architecture}) on {model.ExecutionProvider}");
    }
    catch (Grpc.Core.RpcException ex)
    {
        Console.Error.WriteLine($"{ex.StatusCode} from {sender.Target}: {ex.Status.Detail}");
        return 1;
    }
}
else
{
    using var probe = new ByteArrayContent(bodies[0]);
    probe.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    using var response = await ((RestSender)sender).Client.PostAsync(arguments.Path, probe);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"{(int)response.StatusCode} from {sender.Target}: {text}");
        return 1;
    }

    var model = JsonNode.Parse(text)!["model"]!;
    Console.WriteLine($"Model: {model["name"]} v{model["version"]} ({model["architecture"]}) on {model["executionProvider"]}");
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"Target: {sender.Target}, {arguments.Candidates} candidates per request, body {requestBytes} bytes; {arguments.Warmup.TotalSeconds:0} s warm-up and {arguments.Duration.TotalSeconds:0} s measured per concurrency");
Console.WriteLine();
LoadResult? best = null;
if (arguments.Rate <= 0)
{
    Console.WriteLine("Closed loop (each worker sends its next request when the previous one has answered):");
    Console.WriteLine();
    Console.WriteLine("| candidates | concurrency | requests | errors | p50 ms | p95 ms | p99 ms | req/s | candidates/s |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var concurrency in arguments.Concurrency)
    {
        await LoadRun.RunAsync(sender, concurrency, arguments.Warmup, arguments.MaxRequests);
        var result = await LoadRun.RunAsync(sender, concurrency, arguments.Duration, arguments.MaxRequests);
        Console.WriteLine(result.ToMarkdownRow(arguments.Candidates));
        if (best is null || result.RequestsPerSecond > best.RequestsPerSecond)
        {
            best = result;
        }
    }

    Console.WriteLine();
}

var rate = arguments.Rate > 0 ? arguments.Rate : best is not null && arguments.OpenAt > 0 ? best.RequestsPerSecond * arguments.OpenAt : 0;
LoadResult? open = null;
if (rate > 0)
{
    Console.WriteLine(arguments.Rate > 0
        ? string.Create(CultureInfo.InvariantCulture, $"Open loop at {rate:0} req/s (latency from each request's scheduled start):")
        : string.Create(CultureInfo.InvariantCulture, $"Open loop at {arguments.OpenAt:P0} of the best closed-loop rate, {rate:0} req/s (latency from each request's scheduled start):"));
    Console.WriteLine();
    Console.WriteLine("| candidates | target req/s | achieved req/s | requests | errors | p50 ms | p95 ms | p99 ms | p99.9 ms |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    await OpenLoopRun.RunAsync(sender, rate, arguments.Warmup, MaxInFlight);
    open = await OpenLoopRun.RunAsync(sender, rate, arguments.Duration, MaxInFlight);
    Console.WriteLine(open.ToOpenLoopRow(arguments.Candidates, rate));
    Console.WriteLine();
}

if (arguments.Summary is { } summary)
{
    // label, candidates, best req/s, best candidates/s, best concurrency, open-loop rate, p50, p95, p99, open-loop errors, p99.9
    File.AppendAllText(summary, string.Create(
        CultureInfo.InvariantCulture,
        $"{arguments.Label}\t{arguments.Candidates}\t{best?.RequestsPerSecond ?? double.NaN:0}\t{(best?.RequestsPerSecond ?? double.NaN) * arguments.Candidates:0}\t{best?.Concurrency ?? 0}\t{rate:0}\t{open?.Percentile(50) ?? double.NaN:0.00}\t{open?.Percentile(95) ?? double.NaN:0.00}\t{open?.Percentile(99) ?? double.NaN:0.00}\t{open?.Errors ?? 0}\t{open?.Percentile(99.9) ?? double.NaN:0.00}\n"));
}

return 0;

static string CpuModel()
{
    const string cpuInfo = "/proc/cpuinfo";
    if (!File.Exists(cpuInfo))
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
    return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().ToString(CultureInfo.InvariantCulture);
}
