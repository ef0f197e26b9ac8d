using System.Globalization;

namespace MmoeService.LoadGen;

/// <summary>Command line of the load generator: <c>--Name value</c> pairs, every one optional.</summary>
public sealed record LoadGenArguments(
    Uri Url,
    string Path,
    string Examples,
    int Candidates,
    IReadOnlyList<int> Concurrency,
    TimeSpan Duration,
    TimeSpan Warmup,
    int MaxRequests,
    int Seed,
    double OpenAt,
    double Rate,
    string? Summary,
    string Label,
    string Protocol,
    Uri GrpcUrl)
{
    public const string Usage = """
        dotnet run -c Release --project bench/MmoeService.LoadGen -- [options]
          --url          base address of a running service, loopback only (default http://127.0.0.1:5024)
          --path         scoring route (default /score)
          --examples     examples.json whose first request supplies context and feature names (default models/mmoe/1/examples.json)
          --candidates   candidates per request (default 100)
          --concurrency  comma-separated in-flight request counts, one run each (default 1,4)
          --duration     measured seconds per run (default 20)
          --warmup       unmeasured seconds before each run (default 3)
          --max-requests cap on measured requests per run (default 1000000)
          --seed         seed for the generated feature values (default 7)
          --open-at      after the closed-loop runs, an open-loop run at this fraction of the best req/s (e.g. 0.7; default off)
          --rate         an open-loop run at this many req/s (instead of --open-at)
          --summary      append one tab-separated line of the results to this file (for bench/run)
          --label        name of this configuration in the summary (default "run")
          --protocol     rest (POST --path with JSON) or grpc (mmoe.scoring.v1.Scoring/Score, same requests as columns); default rest
          --grpc-url     the service's h2c gRPC address, loopback only (default http://127.0.0.1:5025; the service's Grpc:Port)
        """;

    public static LoadGenArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs; got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var url = new Uri(Get("url", "http://127.0.0.1:5024"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException($"--url must be a loopback address (localhost, 127.0.0.0/8, [::1]); got {url.Host}.");
        }

        var known = new[] { "url", "path", "examples", "candidates", "concurrency", "duration", "warmup", "max-requests", "seed", "open-at", "rate", "summary", "label", "protocol", "grpc-url" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option --{unknown}.");
        }

        return new LoadGenArguments(
            url,
            Get("path", "/score"),
            Get("examples", System.IO.Path.Combine("models", "mmoe", "1", "examples.json")),
            Int("candidates", 100),
            Get("concurrency", "1,4").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
            TimeSpan.FromSeconds(Int("duration", 20)),
            TimeSpan.FromSeconds(Int("warmup", 3)),
            Int("max-requests", 1_000_000),
            Int("seed", 7),
            double.Parse(Get("open-at", "0"), CultureInfo.InvariantCulture),
            double.Parse(Get("rate", "0"), CultureInfo.InvariantCulture),
            values.TryGetValue("summary", out var summary) ? summary : null,
            Get("label", "run"),
            Get("protocol", "rest") is "rest" or "grpc" ? Get("protocol", "rest") : throw new ArgumentException("--protocol is rest or grpc."),
            Loopback(new Uri(Get("grpc-url", "http://127.0.0.1:5025"))));
    }

    private static Uri Loopback(Uri url)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException($"The service must be on a loopback address (localhost, 127.0.0.0/8, [::1]); got {url.Host}.");
        }

        return url;
    }
}
