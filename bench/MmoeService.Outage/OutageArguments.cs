using System.Globalization;

namespace MmoeService.Outage;

/// <summary>Command line of the outage driver: <c>--name value</c> pairs (bench/outage passes them all).</summary>
public sealed record OutageArguments(
    Uri Url, int Pid, string Examples, int Candidates, int Concurrency, TimeSpan Calibration, double Load,
    TimeSpan Before, TimeSpan Outage, TimeSpan After, TimeSpan MaxReplay, string StopCommand, string StartCommand,
    int FeedbackEvery, int MaxInFlight, int Seed, string Prefix, string Output)
{
    public static OutageArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required.");
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        TimeSpan Seconds(string name, int fallback) => TimeSpan.FromSeconds(Int(name, fallback));

        return new OutageArguments(
            new Uri(Get("url")), Int("pid", 0), Get("examples"), Int("candidates", 20), Int("concurrency", 8),
            Seconds("calibration-seconds", 15), double.Parse(Get("load", "0.7"), CultureInfo.InvariantCulture),
            Seconds("before", 30), Seconds("outage", 600), Seconds("after", 15), Seconds("max-replay", 900),
            Get("stop-command"), Get("start-command"), Int("feedback-every", 10), Int("max-in-flight", 256), Int("seed", 7),
            Get("prefix", "outage-"), Get("output"));
    }
}
