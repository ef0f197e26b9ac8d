using MmoeService.ExperimentPlatform.Statistics;

namespace MmoeService.Calibration;

/// <summary>
/// Runs the repeated experiments and turns them into rates with binomial intervals. Every experiment has its own
/// seed derived from (Seed, design, users, repeat), so a run is reproducible whatever the thread scheduling.
/// </summary>
public static class CalibrationHarness
{
    private const int AaStream = 1;
    private const int KnownEffectStream = 2;
    private const int PowerStream = 3;

    public static CalibrationReport Run(CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var users = options.UsersPerExperiment;
        var looks = ExperimentSimulation.Looks(users, options.LookEvery);

        var aa = Repeat(options, options.AaRepeats, r => ExperimentSimulation.Run(options, 0, users, options.LookEvery, SeedFor(options.Seed, AaStream, users, r)));
        var known = Repeat(options, options.KnownEffectRepeats, r => ExperimentSimulation.Run(options, options.TrueLift, users, options.LookEvery, SeedFor(options.Seed, KnownEffectStream, users, r)));

        var rows = new List<CalibrationRow>();
        foreach (var metric in Enum.GetValues<Metric>())
        {
            rows.AddRange(Rows("aa", metric, aa.Select(t => t[metric]).ToArray(), users, looks, null));
            rows.AddRange(Rows("known-effect", metric, known.Select(t => t[metric]).ToArray(), users, looks, options.TrueLift));
        }

        var power = PowerCurve(options);
        var sensitivity = new[]
        {
            new SensitivityRow("fixed-horizon", UsersFor(power, p => p.Raw)),
            new SensitivityRow("cuped", UsersFor(power, p => p.Cuped)),
            new SensitivityRow("interleaving", UsersFor(power, p => p.Interleaving)),
        };

        var aaCtr = aa.Select(t => t[Metric.Ctr]).ToArray();
        return new CalibrationReport(
            options,
            new CalibrationResult(rows, sensitivity),
            power,
            ByLook(aaCtr.Select(t => t.FirstFixedRejection), looks),
            ByLook(aaCtr.Select(t => t.FirstAlwaysValidRejection), looks),
            Enum.GetValues<Metric>().ToDictionary(Name, m => known.Average(t => t[m].CupedVarianceReduction ?? 0)));
    }

    public static string Name(Metric metric) => metric == Metric.Ctr ? "ctr" : "satisfaction";

    private static IEnumerable<CalibrationRow> Rows(string design, Metric metric, MetricTrace[] traces, int users, int looks, double? trueLift)
    {
        var name = Name(metric);
        CalibrationRow Row(string method, int rejections, int rowLooks, bool[] covered)
        {
            var interval = WilsonInterval.Of(rejections, traces.Length);
            double? coverage = trueLift is null || covered.Length == 0 ? null : covered.Count(c => c) / (double)traces.Length;
            return new CalibrationRow(design, method, name, traces.Length, users, rowLooks, rejections, rejections / (double)traces.Length, interval.Lower, interval.Upper, trueLift, coverage);
        }

        yield return Row("fixed-horizon-peeking", traces.Count(t => t.FirstFixedRejection is not null), looks, []);
        yield return Row("fixed-horizon", traces.Count(t => t.FixedRejectsAtHorizon), 1, traces.Select(t => t.FixedCoversAtHorizon).ToArray());
        yield return Row("always-valid", traces.Count(t => t.FirstAlwaysValidRejection is not null), looks, traces.Select(t => t.AlwaysValidCoversEveryLook).ToArray());
        yield return Row("cuped", traces.Count(t => t.FirstCupedRejection is not null), looks, traces.Select(t => t.CupedCoversEveryLook).ToArray());
        yield return Row("interleaving", traces.Count(t => t.FirstInterleavingRejection is not null), looks, []);
    }

    private static List<PowerPoint> PowerCurve(CalibrationOptions options)
    {
        var points = new List<PowerPoint>();
        for (var users = options.FirstPowerUsers; users <= options.MaxPowerUsers; users *= 2)
        {
            var size = users;
            var traces = Repeat(options, options.PowerRepeats, r => ExperimentSimulation.Run(options, options.TrueLift, size, size, SeedFor(options.Seed, PowerStream, size, r))[Metric.Ctr]);
            double Share(Func<MetricTrace, bool> rejects) => traces.Count(rejects) / (double)traces.Count;
            var point = new PowerPoint(
                users,
                Share(t => t.FixedRejectsAtHorizon),
                Share(t => t.CupedFixedRejectsAtHorizon),
                Share(t => t.InterleavingFixedRejectsAtHorizon),
                Share(t => t.InterleavingMeanFixedRejectsAtHorizon));
            points.Add(point);
            if (point.Raw >= 0.95)
            {
                break;
            }
        }

        return points;
    }

    // Linear in log(users) between the two grid points around 80%; the first grid size when it already has 80%.
    private static double? UsersFor(IReadOnlyList<PowerPoint> power, Func<PowerPoint, double> of)
    {
        for (var i = 0; i < power.Count; i++)
        {
            if (of(power[i]) < 0.8)
            {
                continue;
            }

            if (i == 0)
            {
                return power[0].Users;
            }

            var (x0, y0, x1, y1) = (Math.Log(power[i - 1].Users), of(power[i - 1]), Math.Log(power[i].Users), of(power[i]));
            return Math.Round(Math.Exp(x0 + (0.8 - y0) / (y1 - y0) * (x1 - x0)));
        }

        return null;
    }

    private static double[] ByLook(IEnumerable<int?> firstRejections, int looks)
    {
        var firsts = firstRejections.ToArray();
        return Enumerable.Range(0, looks).Select(l => firsts.Count(f => f <= l) / (double)firsts.Length).ToArray();
    }

    private static List<T> Repeat<T>(CalibrationOptions options, int repeats, Func<int, T> experiment)
    {
        var results = new T[repeats];
        Parallel.For(0, repeats, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, r => results[r] = experiment(r));
        return [.. results];
    }

    // SplitMix64 over the four coordinates: distinct, well-spread seeds without a shared Random.
    private static int SeedFor(int seed, int stream, int users, int repeat)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream << 56 ^ (ulong)(uint)users << 24 ^ (ulong)(uint)repeat;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
