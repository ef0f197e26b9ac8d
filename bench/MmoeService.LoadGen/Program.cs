using System.Globalization;
using System.Net;
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
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = Math.Max(1, arguments.Concurrency.Max()),
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    AutomaticDecompression = DecompressionMethods.None,
};
using var client = new HttpClient(handler) { BaseAddress = arguments.Url, Timeout = TimeSpan.FromSeconds(30) };

// One request first: proves the service answers, and names the model version being measured.
using (var probe = new ByteArrayContent(bodies[0]))
{
    probe.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    using var response = await client.PostAsync(arguments.Path, probe);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"{(int)response.StatusCode} from {arguments.Url}{arguments.Path.TrimStart('/')}: {text}");
        return 1;
    }

    var model = JsonNode.Parse(text)!["model"]!;
    Console.WriteLine($"Model: {model["name"]} v{model["version"]} ({model["architecture"]}) on {model["executionProvider"]}");
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"Target: POST {arguments.Url}{arguments.Path.TrimStart('/')}, {arguments.Candidates} candidates per request, body {bodies[0].Length} bytes; {arguments.Warmup.TotalSeconds:0} s warm-up and {arguments.Duration.TotalSeconds:0} s measured per concurrency");
Console.WriteLine();
Console.WriteLine("| candidates | concurrency | requests | errors | p50 ms | p95 ms | p99 ms | req/s |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var concurrency in arguments.Concurrency)
{
    await LoadRun.RunAsync(client, arguments.Path, bodies, concurrency, arguments.Warmup, arguments.MaxRequests);
    var result = await LoadRun.RunAsync(client, arguments.Path, bodies, concurrency, arguments.Duration, arguments.MaxRequests);
    Console.WriteLine(result.ToMarkdownRow(arguments.Candidates));
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
