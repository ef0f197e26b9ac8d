using System.Globalization;
using System.Text;
using System.Text.Json;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Conflict;

/// <summary>
/// Writes the conflict study's results.md (tables of means with 95% CIs over seeds, paired differences, world
/// facts, gate and expert diagnostics) and its summary.json in the shape the other studies use
/// (<c>study, preset, steps, runs, rows, differences</c>, with the task correlation as <c>p</c>).
/// </summary>
public static class ConflictReport
{
    public const string Study = "recommendation-conflict";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // A partial report (one seed so far) has NaN interval bounds; they are written as "NaN" rather than failing the run.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Pairs whose per-seed differences are reported: the question (a) against its baseline (b).</summary>
    public static IReadOnlyList<(string A, string B)> Comparisons(IReadOnlyCollection<string> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        (string, string)[] wanted =
        [
            ("mmoe", "shared-bottom"), ("cgc", "shared-bottom"), ("ple", "shared-bottom"), ("omoe", "shared-bottom"),
            ("mmoe", "single-task"), ("shared-bottom", "single-task"), ("cgc", "mmoe"), ("ple", "mmoe"), ("mmoe", "omoe"),
        ];
        var dropout = models.Where(m => m.Contains("+gd", StringComparison.Ordinal)).Select(m => (m, m[..m.IndexOf("+gd", StringComparison.Ordinal)]));
        return [.. wanted.Concat(dropout).Where(p => models.Contains(p.Item1) && models.Contains(p.Item2))];
    }

    /// <summary>The 1-, 5- and 15-minute load averages, for the report's machine line.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static IReadOnlyList<string> Write(ConflictStudyOptions options, IReadOnlyList<ConflictRun> runs, IReadOnlyList<WorldFacts> worlds,
        TimeSpan elapsed, string loadBefore, string loadAfter)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(worlds);
        Directory.CreateDirectory(options.OutputDirectory);
        var summary = Summary(options, runs);
        var markdown = Path.Combine(options.OutputDirectory, $"{options.OutputName}.md");
        var json = Path.Combine(options.OutputDirectory, options.OutputName == "results" ? "summary.json" : $"{options.OutputName}.json");
        File.WriteAllText(markdown, Markdown(options, runs, worlds, summary, elapsed, loadBefore, loadAfter));
        File.WriteAllText(json, JsonSerializer.Serialize(summary, Json) + "\n");
        return [markdown, json];
    }

    public static ConflictSummary Summary(ConflictStudyOptions options, IReadOnlyList<ConflictRun> runs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<ConflictSummaryRow>();
        var differences = new List<ConflictDifference>();
        var models = runs.Select(r => r.Model).Distinct().ToArray();
        foreach (var rho in Completed(options, runs))
        {
            foreach (var model in models)
            {
                var mine = runs.Where(r => r.Model == model && r.Correlation == rho).ToArray();
                foreach (var metric in ConflictMetrics.All)
                {
                    var values = mine.Where(r => r.Metrics.ContainsKey(metric)).Select(r => r.Metrics[metric]).ToArray();
                    if (values.Length == 0)
                    {
                        continue;
                    }

                    var interval = Interval.Of(values);
                    rows.Add(new ConflictSummaryRow(model, rho, metric, interval.Mean, interval.Std, interval.Lower, interval.Upper,
                        mine.Length > 0 ? (long)mine.Average(r => r.Parameters) : 0));
                }
            }

            foreach (var (a, b) in Comparisons(models))
            {
                foreach (var metric in ConflictMetrics.All)
                {
                    var paired = runs.Where(r => r.Model == a && r.Correlation == rho && r.Metrics.ContainsKey(metric))
                        .Join(runs.Where(r => r.Model == b && r.Correlation == rho && r.Metrics.ContainsKey(metric)),
                            r => r.Seed, r => r.Seed, (x, y) => x.Metrics[metric] - y.Metrics[metric])
                        .ToArray();
                    if (paired.Length > 1)
                    {
                        var interval = Interval.Of(paired);
                        differences.Add(new ConflictDifference(a, b, rho, metric, interval.Mean, interval.Lower, interval.Upper));
                    }
                }
            }
        }

        var trainRows = (int)Math.Round(options.Impressions * 0.8);
        var batch = Jobs.DefaultModelsJob.Recipe(ModelArchitecture.Mmoe).BatchSize;
        var steps = options.Epochs * ((trainRows + batch - 1) / batch);
        return new ConflictSummary(Study, "conflict", steps, options.Seeds, rows, differences, Diagnostics(options, runs));
    }

    private static List<ConflictDiagnostic> Diagnostics(ConflictStudyOptions options, IReadOnlyList<ConflictRun> runs)
    {
        var list = new List<ConflictDiagnostic>();
        foreach (var rho in Completed(options, runs))
        {
            foreach (var group in runs.Where(r => r.Correlation == rho && r.Parameters > 0).GroupBy(r => r.Model))
            {
                var all = group.ToArray();
                var tasks = all[0].Gates?.Keys.ToArray() ?? [];
                var perTask = tasks.Select(t => new ConflictGateDiagnostic(
                    t,
                    all.Average(r => r.Gates![t].MeanEntropy),
                    Math.Log(all[0].Gates![t].MeanWeights.Count),
                    all.Average(r => r.Gates![t].Polarisation ?? double.NaN),
                    all.Average(r => r.Gates![t].EffectiveExperts ?? double.NaN))).ToArray();
                var cka = all.Where(r => r.Diversity is not null).Select(r => r.Diversity!.MeanLinearCka).ToArray();
                var correlation = all.Where(r => r.Diversity is not null).Select(r => r.Diversity!.MeanAbsoluteCorrelation).ToArray();
                list.Add(new ConflictDiagnostic(group.Key, rho, all.Average(r => r.EpochsRun), all.Count(r => r.EpochsRun >= options.Epochs),
                    perTask, cka.Length > 0 ? cka.Average() : null, correlation.Length > 0 ? correlation.Average() : null));
            }
        }

        return list;
    }

    private static string Markdown(ConflictStudyOptions options, IReadOnlyList<ConflictRun> runs, IReadOnlyList<WorldFacts> worlds,
        ConflictSummary summary, TimeSpan elapsed, string loadBefore, string loadAfter)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(Invariant));
        Line($"# Recommendation world with conflicting tasks ({options.OutputName})");
        md.AppendLine();
        Line($"Generated by `nice -n 10 dotnet run --project src/MmoeService.Trainer -c Release -- conflict-study{Settings(options)}`.");
        md.AppendLine();
        Line($"- Scale: {options.Seeds} seeds ({options.FirstSeed}..{options.FirstSeed + options.Seeds - 1}) per task correlation ρ ∈ {{{options.Correlations}}}; {options.Impressions:N0} impressions per world (80/10/10 train/validation/test), {options.Users:N0} users, {options.Items:N0} items, conflict weight {options.ConflictWeight}.");
        Line($"- Training: the fixed recipes of `ConflictRecipes` (Adam, batch 512, lr 2e-3, at most {options.Epochs} epochs = {summary.Steps:N0} steps, early stopping with patience 2 on the validation ctr AUC). Every model of a run sees the same data; the seed also seeds initialisation.");
        Line($"- Oracle: {options.OracleUsers:N0} users per world, {options.OracleCandidates} uniform candidates each, top {options.Top} by the service's default score ctr × satisfaction; the figure is the world's TRUE expected satisfied clicks (P(click and satisfied) summed over the top {options.Top}), averaged over users.");
        var worldsDone = worlds.Count;
        var worldsPlanned = options.CorrelationValues().Count * options.Seeds;
        if (worldsDone < worldsPlanned)
        {
            Line($"- **Partial**: {worldsDone} of {worldsPlanned} worlds finished when this was written.");
        }

        Line($"- Intervals: 95% Student-t intervals over seeds; differences are paired by seed (same world, same data).");
        Line($"- Wall time {elapsed:hh\\:mm\\:ss} on 2 cores shared with other jobs; load average {loadBefore} at start, {loadAfter} at the end.");
        md.AppendLine();

        md.AppendLine("## The worlds");
        md.AppendLine();
        md.AppendLine("| ρ | click rate | satisfied rate | r(P(click), P(sat \\| click)) | r(P(click), P(click ∧ sat)) | truth ctr AUC | truth sat AUC | best top-10 | random top-10 |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var rho in Completed(options, runs))
        {
            var w = worlds.Where(f => f.Correlation == rho).ToArray();
            Line($"| {rho} | {w.Average(f => f.ClickRate):F4} | {w.Average(f => f.SatisfactionRate):F4} | {w.Average(f => f.ClickVersusSatisfiedGivenClick):F3} | {w.Average(f => f.ClickVersusSatisfied):F3} | {Cell(summary, ConflictStudyJob.Truth, rho, ConflictMetrics.CtrAuc)} | {Cell(summary, ConflictStudyJob.Truth, rho, ConflictMetrics.SatisfactionAuc)} | {Cell(summary, ConflictStudyJob.Truth, rho, ConflictMetrics.SatisfiedClicks)} | {Cell(summary, ConflictStudyJob.Random, rho, ConflictMetrics.SatisfiedClicks)} |");
        }

        md.AppendLine();
        md.AppendLine("`truth` scores the test split with the world's true probabilities: the Bayes ceiling no model can beat on average.");
        md.AppendLine();
        var models = runs.Where(r => r.Parameters > 0).Select(r => r.Model).Distinct().ToArray();
        foreach (var rho in Completed(options, runs))
        {
            Line($"## ρ = {rho}: test metrics and oracle top-{options.Top} (mean [95% CI])");
            md.AppendLine();
            md.AppendLine("| model | params | ctr AUC | sat AUC | ctr log loss | sat log loss | satisfied clicks@10 (ctr×sat) | satisfied clicks@10 (sat head) | clicks@10 | epochs run |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var model in models)
            {
                var diagnostic = summary.Diagnostics.First(d => d.Model == model && d.P == rho);
                var parameters = summary.Rows.First(r => r.Model == model && r.P == rho).Params;
                Line($"| {model} | {parameters:N0} | {Cell(summary, model, rho, ConflictMetrics.CtrAuc)} | {Cell(summary, model, rho, ConflictMetrics.SatisfactionAuc)} | {Cell(summary, model, rho, ConflictMetrics.CtrLogLoss)} | {Cell(summary, model, rho, ConflictMetrics.SatisfactionLogLoss)} | {Cell(summary, model, rho, ConflictMetrics.SatisfiedClicks)} | {Cell(summary, model, rho, ConflictMetrics.SatisfiedClicksBySatisfaction)} | {Cell(summary, model, rho, ConflictMetrics.Clicks)} | {diagnostic.EpochsRun:F1} ({diagnostic.RunsAtEpochCap} at cap) |");
            }

            md.AppendLine();
        }

        md.AppendLine("## Paired differences (a - b, mean [95% CI]; an interval excluding 0 is a difference at the 5% level)");
        md.AppendLine();
        md.AppendLine("| a - b | ρ | ctr AUC | sat AUC | ctr log loss | sat log loss | satisfied clicks@10 |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in summary.Differences.GroupBy(d => (d.A, d.B, d.P)))
        {
            string Diff(string metric) => group.FirstOrDefault(d => d.Metric == metric) is { } d
                ? string.Create(Invariant, $"{d.Mean:+0.00000;-0.00000;0.00000} [{d.Lower:+0.00000;-0.00000;0.00000}, {d.Upper:+0.00000;-0.00000;0.00000}]")
                : "";
            Line($"| {group.Key.A} - {group.Key.B} | {group.Key.P} | {Diff(ConflictMetrics.CtrAuc)} | {Diff(ConflictMetrics.SatisfactionAuc)} | {Diff(ConflictMetrics.CtrLogLoss)} | {Diff(ConflictMetrics.SatisfactionLogLoss)} | {Diff(ConflictMetrics.SatisfiedClicks)} |");
        }

        md.AppendLine();
        md.AppendLine("## Gates and experts (validation split, mean over seeds)");
        md.AppendLine();
        md.AppendLine("Entropy is the mean per-row gate entropy (uniform = ln width); polarisation the mean largest gate weight (1 = one-hot); effective experts exp(entropy of the mean gate), the task's utilisation; CKA the mean pairwise linear CKA of expert outputs (1 = identical up to rotation and scale); matched |r| the unit-matching mean absolute correlation.");
        md.AppendLine();
        md.AppendLine("| model | ρ | task | entropy (uniform) | polarisation | effective experts | expert CKA | matched \\|r\\| |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var d in summary.Diagnostics.Where(d => d.Gates.Count > 0))
        {
            foreach (var g in d.Gates)
            {
                Line($"| {d.Model} | {d.P} | {g.Task} | {g.Entropy:F3} ({g.UniformEntropy:F3}) | {g.Polarisation:F3} | {g.EffectiveExperts:F2} | {d.MeanLinearCka:F3} | {d.MeanMatchedCorrelation:F3} |");
            }
        }

        md.AppendLine();
        return md.ToString();
    }

    /// <summary>The configured correlations that have runs, in configured order (the report is rewritten after every world).</summary>
    private static IEnumerable<double> Completed(ConflictStudyOptions options, IReadOnlyList<ConflictRun> runs) =>
        options.CorrelationValues().Where(rho => runs.Any(r => r.Correlation == rho));

    private static string Cell(ConflictSummary summary, string model, double rho, string metric)
    {
        var row = summary.Rows.FirstOrDefault(r => r.Model == model && r.P == rho && r.Metric == metric);
        if (row is null)
        {
            return "";
        }

        return double.IsNaN(row.Lower)
            ? row.Mean.ToString("F4", Invariant)
            : string.Create(Invariant, $"{row.Mean:F4} [{row.Lower:F4}, {row.Upper:F4}]");
    }

    private static string Settings(ConflictStudyOptions options)
    {
        var defaults = new ConflictStudyOptions();
        var parts = new List<string>();
        void Add(string key, object value, object fallback)
        {
            if (!Equals(value, fallback))
            {
                parts.Add(string.Create(Invariant, $" --{ConflictStudyOptions.SectionName}:{key}={value}"));
            }
        }

        Add(nameof(options.Correlations), options.Correlations, defaults.Correlations);
        Add(nameof(options.Seeds), options.Seeds, defaults.Seeds);
        Add(nameof(options.FirstSeed), options.FirstSeed, defaults.FirstSeed);
        Add(nameof(options.Models), options.Models, defaults.Models);
        Add(nameof(options.GateDropouts), options.GateDropouts, defaults.GateDropouts);
        Add(nameof(options.Impressions), options.Impressions, defaults.Impressions);
        Add(nameof(options.Users), options.Users, defaults.Users);
        Add(nameof(options.Items), options.Items, defaults.Items);
        Add(nameof(options.ConflictWeight), options.ConflictWeight, defaults.ConflictWeight);
        Add(nameof(options.Epochs), options.Epochs, defaults.Epochs);
        Add(nameof(options.OracleUsers), options.OracleUsers, defaults.OracleUsers);
        Add(nameof(options.OracleCandidates), options.OracleCandidates, defaults.OracleCandidates);
        Add(nameof(options.Top), options.Top, defaults.Top);
        Add(nameof(options.OutputDirectory), options.OutputDirectory, defaults.OutputDirectory);
        Add(nameof(options.OutputName), options.OutputName, defaults.OutputName);
        return string.Concat(parts);
    }
}
