using System.Globalization;

namespace MmoeService.Soak;

/// <summary>Command line of the soak driver: <c>--name value</c> pairs, every one optional except <c>--pid</c>.</summary>
public sealed record SoakArguments(
    Uri Url,
    int Pid,
    TimeSpan Duration,
    double Load,
    TimeSpan Calibration,
    int CalibrationConcurrency,
    int Candidates,
    string Examples,
    string AdminKey,
    string ReloadModel,
    string Output,
    int Seed)
{
    public static SoakArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var url = new Uri(Get("url", "http://127.0.0.1:5077"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException($"--url must be a loopback address; got {url.Host}.");
        }

        return new SoakArguments(
            url,
            Int("pid", 0),
            TimeSpan.FromSeconds(Int("seconds", 600)),
            double.Parse(Get("load", "0.7"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(Int("calibration-seconds", 20)),
            Int("calibration-concurrency", 8),
            Int("candidates", 100),
            Get("examples", Path.Combine("models", "mmoe", "1", "examples.json")),
            Get("admin-key", ""),
            Get("reload-model", "mmoe"),
            Get("output", "soak-report.md"),
            Int("seed", 7));
    }
}
