using System.Globalization;
using System.Text;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Writes the census study's files into one folder: <c>runs.csv</c> (every run), <c>search.csv</c> (every
/// configuration tried), <c>auc-group*-*.png</c> (bars with intervals) and <c>results.md</c> with the paper's
/// Table 2 layout, measured numbers next to the paper's.
/// </summary>
public static class CensusReport
{
    public const string ResultsFile = "results.md";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(CensusStudyResult result, string folder, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var runs = new CsvTable("group", "model", "run", "seed", "units", "experts", "tower_units", "learning_rate", "parameters", "epochs",
            "main_validation_auc", "main_test_auc", "aux_test_auc", "seconds");
        foreach (var r in result.Runs)
        {
            runs.Add(r.Group, r.Model, r.Run, r.Seed, r.Candidate.Units, r.Candidate.Experts, r.Candidate.TowerUnits, r.Candidate.LearningRate,
                r.Parameters, r.Epochs, r.MainValidationAuc, r.MainTestAuc, r.AuxTestAuc, Math.Round(r.Seconds, 2));
        }

        runs.Save(Path.Combine(folder, "runs.csv"));
        var search = new CsvTable("group", "model", "units", "experts", "tower_units", "learning_rate", "main_validation_auc", "seconds");
        foreach (var t in result.Trials)
        {
            search.Add(t.Group, t.Model, t.Candidate.Units, t.Candidate.Experts, t.Candidate.TowerUnits, t.Candidate.LearningRate, t.MainValidationAuc, Math.Round(t.Seconds, 2));
        }

        search.Save(Path.Combine(folder, "search.csv"));
        foreach (var group in result.Groups)
        {
            IntervalBarChart.Save(Path.Combine(folder, $"auc-group{group.Group}-{group.MainTask}.png"),
                $"Group {group.Group}: {group.MainTask} (main task) test AUC", "test AUC", Bars(result, group.Group, main: true));
            IntervalBarChart.Save(Path.Combine(folder, $"auc-group{group.Group}-{group.AuxTask}.png"),
                $"Group {group.Group}: {group.AuxTask} (auxiliary task) test AUC", "test AUC", Bars(result, group.Group, main: false));
        }

        File.WriteAllText(Path.Combine(folder, StudySummary.FileName), Summary(result).ToJson());
        File.WriteAllText(Path.Combine(folder, ResultsFile), Markdown(result, command));
    }

    /// <summary>
    /// summary.json: per (model, group) the mean main-task test AUC with its 95% t-interval, and every
    /// multi-task model minus Shared-Bottom (and MMoE minus single-task) with Welch's interval (runs of
    /// different models are independent).
    /// </summary>
    public static StudySummary Summary(CensusStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        const string metric = "main_auc";
        var rows = new List<SummaryRow>();
        var differences = new List<SummaryDifference>();
        foreach (var group in result.Groups)
        {
            double[] Main(string model) => [.. result.RunsOf(group.Group, model).Select(r => r.MainTestAuc)];
            foreach (var model in result.Models)
            {
                var ci = ConfidenceInterval.Of(Main(model.Key));
                var parameters = result.RunsOf(group.Group, model.Key).Select(r => r.Parameters).FirstOrDefault();
                rows.Add(new SummaryRow(model.Key, null, group.Group, metric, ci.Mean, ci.Std, ci.Lower, ci.Upper, parameters));
            }

            foreach (var (a, b) in DifferencePairs(result))
            {
                var ci = ConfidenceInterval.Welch(Main(a), Main(b));
                differences.Add(new SummaryDifference(a, b, null, group.Group, metric, ci.Mean, ci.Lower, ci.Upper));
            }
        }

        var runs = result.Runs.GroupBy(r => (r.Group, r.Model)).Select(g => g.Count()).DefaultIfEmpty(0).Min();
        return new StudySummary("census", "census-income", result.MaxSteps, runs, rows, differences);
    }

    /// <summary>Every other model against Shared-Bottom, and MMoE against the rest.</summary>
    public static IReadOnlyList<(string A, string B)> DifferencePairs(CensusStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var keys = result.Models.Select(m => m.Key).ToArray();
        var pairs = new List<(string, string)>();
        if (keys.Contains("mmoe"))
        {
            pairs.AddRange(keys.Where(k => k != "mmoe").Select(k => ("mmoe", k)));
        }

        if (keys.Contains("shared-bottom"))
        {
            pairs.AddRange(keys.Where(k => k is not "mmoe" and not "shared-bottom").Select(k => (k, "shared-bottom")));
        }

        return pairs;
    }

    /// <summary>Mean ± std over runs, the best run and the paper's mean, per model.</summary>
    public static IReadOnlyList<IntervalBar> Bars(CensusStudyResult result, int group, bool main)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Models.Select(model =>
        {
            var runs = result.RunsOf(group, model.Key).ToArray();
            var summary = SampleSummary.Of(runs.Select(r => main ? r.MainTestAuc : r.AuxTestAuc));
            var best = result.BestRun(group, model.Key);
            var paper = PaperTable2.Find(group, model.Key);
            return new IntervalBar(model.Label, summary.Mean, summary.Std,
                best is null ? double.NaN : main ? best.MainTestAuc : best.AuxTestAuc,
                paper is null ? null : main ? paper.MainMean : paper.AuxMean);
        }).ToArray();
    }

    public static string Markdown(CensusStudyResult result, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append("# Census-income study (Ma et al. 2018, §6.3): measured\n\n");
        text.Append(Invariant, $"Command: `{command}`\n\n");
        text.Append(Invariant, $"Scale: {result.Scale}. Wall time {result.Elapsed.TotalMinutes:F1} min. The paper: {PaperTable2.PaperRuns} runs per model, Gaussian-process tuning up to 2,048 units per layer.\n\n");
        foreach (var group in result.Groups)
        {
            text.Append(Invariant, $"## Group {group.Group}: {group.MainTask} (main) + {group.AuxTask} (auxiliary)\n\n");
            text.Append(Invariant, $"Data: {group.Description} Rows used: {group.TrainRows:N0} train / {group.ValidationRows:N0} validation / {group.TestRows:N0} test; ");
            text.Append(Invariant, $"test positive rate {group.MainPositiveRate:P1} ({group.MainTask}), {group.AuxPositiveRate:P1} ({group.AuxTask}); ");
            text.Append(Invariant, $"Pearson r of the two labels {group.LabelCorrelation:F4} (the paper gives the absolute value: {(group.Group == 1 ? "0.1768" : "0.2373")}).\n\n");
            var main = group.MainTask;
            var aux = group.AuxTask;
            var table = new MarkdownTable("Model", "runs", $"{main} AUC, best run (by validation)", "paper", $"{main} AUC, mean", "paper", $"{main} std",
                $"{aux} AUC of that run", "paper", $"{aux} AUC, mean", "paper");
            foreach (var model in result.Models)
            {
                var runs = result.RunsOf(group.Group, model.Key).ToArray();
                var best = result.BestRun(group.Group, model.Key);
                var mainSummary = SampleSummary.Of(runs.Select(r => r.MainTestAuc));
                var auxSummary = SampleSummary.Of(runs.Select(r => r.AuxTestAuc));
                var paper = PaperTable2.Find(group.Group, model.Key);
                table.Add(model.Label, runs.Length.ToString(Invariant),
                    MarkdownTable.Number(best?.MainTestAuc ?? double.NaN), Paper(paper?.MainBest),
                    MarkdownTable.Number(mainSummary.Mean), Paper(paper?.MainMean), MarkdownTable.Number(mainSummary.Std),
                    MarkdownTable.Number(best?.AuxTestAuc ?? double.NaN), Paper(paper?.AuxBest),
                    MarkdownTable.Number(auxSummary.Mean), Paper(paper?.AuxMean));
            }

            text.Append(table).Append('\n');
            text.Append("Chosen configurations (best main-task validation AUC of the search):\n\n");
            var chosen = new MarkdownTable("Model", "configuration", "parameters", "mean epochs run");
            foreach (var model in result.Models)
            {
                var runs = result.RunsOf(group.Group, model.Key).ToArray();
                if (runs.Length > 0)
                {
                    chosen.Add(model.Label, runs[0].Candidate.ToString(), runs[0].Parameters.ToString("N0", Invariant), MarkdownTable.Number(runs.Average(r => r.Epochs), 1));
                }
            }

            text.Append(chosen).Append('\n');
            text.Append(Invariant, $"Main-task ({main}) test AUC, mean [95% t-interval], and differences of means with Welch's 95% interval:\n\n");
            var summary = Summary(result);
            var intervals = new MarkdownTable("Model", "parameters", $"{main} AUC mean [95% CI]");
            foreach (var row in summary.Rows.Where(r => r.Group == group.Group))
            {
                intervals.Add(result.Models.First(m => m.Key == row.Model).Label, row.Params.ToString("N0", Invariant),
                    string.Create(Invariant, $"{row.Mean:F4} [{row.Lower:F4}, {row.Upper:F4}]"));
            }

            text.Append(intervals).Append('\n');
            var gaps = new MarkdownTable("difference", "mean [95% CI]", "reading");
            foreach (var d in summary.Differences.Where(d => d.Group == group.Group))
            {
                gaps.Add($"{Label(result, d.A)} - {Label(result, d.B)}", $"{Signed(d.Mean)} [{Signed(d.Lower)}, {Signed(d.Upper)}]",
                    d.Lower > 0 ? $"{Label(result, d.A)} higher" : d.Upper < 0 ? $"{Label(result, d.B)} higher" : "not distinguishable");
            }

            text.Append(gaps).Append('\n');
            foreach (var claim in Claims(result, group.Group))
            {
                text.Append("- ").Append(claim).Append('\n');
            }

            text.Append(Invariant, $"\n![group {group.Group} {main}](auc-group{group.Group}-{main}.png)\n![group {group.Group} {aux}](auc-group{group.Group}-{aux}.png)\n\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The paper's reading of Table 2 for one group, judged on the measured numbers: among the multi-task models
    /// (the paper's comparison) MMoE has the best main-task AUC by mean and by best run; how large MMoE's lead is
    /// against the run-to-run noise (standard error of the difference of means); and whether any multi-task
    /// model beats the single-task baseline, which the paper's table does not show.
    /// </summary>
    public static IReadOnlyList<string> Claims(CensusStudyResult result, int group)
    {
        ArgumentNullException.ThrowIfNull(result);
        var multi = result.Models.Where(m => !m.IsSingleTask).ToArray();
        SampleSummary Main(StudyModel m) => SampleSummary.Of(result.RunsOf(group, m.Key).Select(r => r.MainTestAuc));
        double Best(StudyModel m) => result.BestRun(group, m.Key)?.MainTestAuc ?? double.NaN;
        string Verdict(bool holds) => holds ? "**holds**" : "**does not hold**";
        var topMean = multi.MaxBy(m => Main(m).Mean)!;
        var topBest = multi.MaxBy(Best)!;
        var claims = new List<string>
        {
            $"Among the multi-task models MMoE has the highest mean main-task AUC: {Verdict(topMean.Key == "mmoe")} ({string.Join(", ", multi.Select(m => $"{m.Label} {MarkdownTable.Number(Main(m).Mean)}"))}).",
            $"Among the multi-task models MMoE has the best single run on the main task: {Verdict(topBest.Key == "mmoe")} ({string.Join(", ", multi.Select(m => $"{m.Label} {MarkdownTable.Number(Best(m))}"))}).",
        };
        var mmoe = multi.FirstOrDefault(m => m.Key == "mmoe");
        var rival = multi.Where(m => m.Key != "mmoe").MaxBy(m => Main(m).Mean);
        if (mmoe is not null && rival is not null)
        {
            var (a, b) = (Main(mmoe), Main(rival));
            var error = Math.Sqrt((a.Std * a.Std / Math.Max(1, a.Count)) + (b.Std * b.Std / Math.Max(1, b.Count)));
            claims.Add($"MMoE's mean minus the best other multi-task mean ({rival.Label}): {MarkdownTable.Number(a.Mean - b.Mean)}, standard error of that difference {MarkdownTable.Number(error)}" +
                (Math.Abs(a.Mean - b.Mean) < 2 * error ? " (within two standard errors: not distinguishable at this number of runs)." : "."));
        }

        var single = result.Models.FirstOrDefault(m => m.IsSingleTask);
        if (single is not null && result.RunsOf(group, single.Key).Any())
        {
            claims.Add($"Some multi-task model beats the single-task baseline's mean main-task AUC: {Verdict(Main(topMean).Mean > Main(single).Mean)} (best multi-task {topMean.Label} {MarkdownTable.Number(Main(topMean).Mean)}, single-task {MarkdownTable.Number(Main(single).Mean)}).");
        }

        return claims;
    }

    private static string Label(CensusStudyResult result, string key) => result.Models.FirstOrDefault(m => m.Key == key)?.Label ?? key;

    private static string Paper(double? value) => value is { } v ? MarkdownTable.Number(v) : "-";

    /// <summary>
    /// An AUC difference to four decimals with its sign. The third section is what .NET uses for a value that rounds to
    /// zero; with two sections a small negative one printed as "-+0.0000".
    /// </summary>
    public static string Signed(double value) => value.ToString("+0.0000;-0.0000;0.0000", Invariant);
}
