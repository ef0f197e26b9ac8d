using System.Diagnostics;
using System.Globalization;

namespace MmoeService.Calibration;

/// <summary>
/// <c>dotnet run -c Release --project bench/MmoeService.Calibration -- [--aa-repeats N] [--known-repeats N]
/// [--power-repeats N] [--users N] [--look-every N] [--lift D] [--seed S] [--out FOLDER]</c>, or
/// <c>... -- --http-looks FILE</c> to summarise an end-to-end run's looks (bench/MmoeService.Calibration/http-aa).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 2 && args[0] == "--http-looks")
        {
            // The end-to-end run's looks (simulate --Simulation:Report): rates per metric, printed as a Markdown table.
            Console.Write(HttpLooks.Markdown(HttpLooks.Summarise(args[1])));
            return 0;
        }

        var options = new CalibrationOptions();
        var output = "docs/experiments";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            int Int() => int.Parse(value, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--aa-repeats": options = options with { AaRepeats = Int() }; break;
                case "--known-repeats": options = options with { KnownEffectRepeats = Int() }; break;
                case "--power-repeats": options = options with { PowerRepeats = Int() }; break;
                case "--users": options = options with { UsersPerExperiment = Int() }; break;
                case "--look-every": options = options with { LookEvery = Int() }; break;
                case "--lift": options = options with { TrueLift = double.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--seed": options = options with { Seed = Int() }; break;
                case "--parallelism": options = options with { Parallelism = Int() }; break;
                case "--out": output = value; break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}.");
                    return 2;
            }
        }

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        Console.WriteLine($"seed {options.Seed}; A/A {options.AaRepeats}, known effect {options.KnownEffectRepeats}, power {options.PowerRepeats} per point; {options.UsersPerExperiment} users, look every {options.LookEvery}; load {load}");
        var clock = Stopwatch.StartNew();
        var report = CalibrationHarness.Run(options);
        clock.Stop();

        var command = "nice -n 10 dotnet run -c Release --project bench/MmoeService.Calibration -- " + string.Join(' ', args);
        ReportWriter.Write(report, output, clock.Elapsed, command.TrimEnd(), load);
        foreach (var row in report.Result.Rows)
        {
            Console.WriteLine($"{row.Design,-13} {row.Method,-22} {row.Metric,-13} {row.Rejections,5}/{row.Repeats} = {row.Rate:F3} [{row.Lower:F3}, {row.Upper:F3}]{(row.Coverage is { } c ? $" coverage {c:F3}" : "")}");
        }

        foreach (var s in report.Result.Sensitivity)
        {
            Console.WriteLine($"users for 80% power, {s.Method}: {s.UsersFor80Power?.ToString(CultureInfo.InvariantCulture) ?? "not reached"}");
        }

        Console.WriteLine($"wall time {clock.Elapsed.TotalSeconds:F1} s; wrote {output}");
        return 0;
    }
}
