using System.Globalization;
using System.Text;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Writes a sweep's folder: runs.csv, tuning.csv, curves.csv, Fig. 4-style loss-p*.png and Fig. 5-style
/// histogram-p*.png, summary.json (95% t-intervals of the means and of the paired differences) and
/// results.md, whose claims table is decided by those intervals alone: "holds" when the interval is on the
/// claimed side of 0, "fails" when it is on the other side, "open" when it contains 0.
/// </summary>
public static class SweepReport
{
    public const string Study = "synthetic";
    public const string ResultsFile = "results.md";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly (string A, string B)[] Pairs = [("mmoe", "shared-bottom"), ("mmoe", "omoe"), ("omoe", "shared-bottom")];

    public static void Write(SweepResult result, string folder, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var runs = new CsvTable("p", "model", "run", "data_seed", "learning_rate", "parameters", "train_loss", "validation_loss", "test_loss",
            "test_mse_y1", "test_mse_y2", "best_step", "stopped_step", "label_correlation", "weight_cosine", "label_std");
        foreach (var r in result.Runs)
        {
            runs.Add(r.P, r.Model, r.Run, r.DataSeed, r.LearningRate, r.Parameters, r.TrainLoss, r.ValidationLoss, r.TestLoss, r.TestMseFirst, r.TestMseSecond,
                r.BestStep, r.StoppedStep, r.LabelCorrelation, r.WeightCosine, r.LabelStd);
        }

        runs.Save(Path.Combine(folder, "runs.csv"));
        var tuning = new CsvTable("p", "model", "learning_rate", "tuning_run", "validation_loss", "best_step");
        foreach (var t in result.Trials)
        {
            tuning.Add(t.P, t.Model, t.LearningRate, t.TuningRun, t.ValidationLoss, t.BestStep);
        }

        tuning.Save(Path.Combine(folder, "tuning.csv"));
        var curves = new CsvTable("p", "model", "step", "mean_train_loss");
        foreach (var c in result.Curves)
        {
            for (var i = 0; i < c.Mean.Count; i++)
            {
                curves.Add(c.P, c.Model, (i + 1) * c.Window, c.Mean[i]);
            }
        }

        curves.Save(Path.Combine(folder, "curves.csv"));
        foreach (var p in result.Correlations)
        {
            var name = p.ToString("0.###", Invariant);
            var series = result.Models.Select(m =>
            {
                var curve = result.Curves.First(c => c.P == p && c.Model == m.Key);
                return new ChartSeries(m.Label, [.. Enumerable.Range(1, curve.Mean.Count).Select(i => (double)(i * curve.Window))], curve.Mean);
            }).ToArray();
            LossCurveChart.Save(Path.Combine(folder, $"loss-p{name}.png"), $"{result.Preset.Name}, p = {name}: training loss", series);
            LossHistogramChart.Save(Path.Combine(folder, $"histogram-p{name}.png"), $"{result.Preset.Name}, p = {name}: final training loss of {result.Options.Runs} runs",
                [.. result.Models.Select(m => (m.Label, (IReadOnlyList<double>)[.. result.RunsOf(m.Key, p).Select(r => r.TrainLoss)]))], xLabel: "final training loss");
        }

        var summary = Summary(result);
        File.WriteAllText(Path.Combine(folder, StudySummary.FileName), summary.ToJson());
        File.WriteAllText(Path.Combine(folder, ResultsFile), Markdown(result, summary, command));
    }

    public static StudySummary Summary(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<SummaryRow>();
        var differences = new List<SummaryDifference>();
        foreach (var metric in new[] { "test_loss", "train_loss" })
        {
            foreach (var p in result.Correlations)
            {
                foreach (var model in result.Models)
                {
                    var ci = ConfidenceInterval.Of(Values(result, model.Key, p, metric));
                    rows.Add(new SummaryRow(model.Key, p, null, metric, ci.Mean, ci.Std, ci.Lower, ci.Upper, model.Parameters));
                }

                foreach (var (a, b) in Pairs)
                {
                    var ci = ConfidenceInterval.Paired(Values(result, a, p, metric), Values(result, b, p, metric));
                    differences.Add(new SummaryDifference(a, b, p, null, metric, ci.Mean, ci.Lower, ci.Upper));
                }
            }
        }

        var preset = result.Preset.Name + (result.Options.Standardise ? "-standardised" : string.Empty);
        return new StudySummary(Study, preset, result.Options.MaxSteps, result.Options.Runs, rows, differences);
    }

    /// <summary>"holds" / "fails" / "open" for the claim that mean(a) - mean(b) is below 0.</summary>
    public static string Below(SummaryDifference d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Upper < 0 ? "holds" : d.Lower > 0 ? "fails" : "open";
    }

    private static IReadOnlyList<double> Values(SweepResult result, string model, double p, string metric) =>
        [.. result.RunsOf(model, p).Select(r => metric == "test_loss" ? r.TestLoss : r.TrainLoss)];

    private static string Markdown(SweepResult result, StudySummary summary, string command)
    {
        var o = result.Options;
        var text = new StringBuilder();
        var label = result.Preset.Name + (o.Standardise ? ", standardised labels" : string.Empty);
        text.Append(Invariant, $"# Synthetic sweep (Ma et al. 2018, §5), preset `{label}`: measured\n\n");
        text.Append(Invariant, $"Command: `{command}`\n\n");
        var planned = ReproductionOptions.ParseNumbers(o.Correlations);
        if (planned.Length > result.Correlations.Count)
        {
            text.Append(Invariant, $"**Partial:** only p = {string.Join(", ", result.Correlations.Select(P))} of the planned {o.Correlations} had finished when this file was written.\n\n");
        }

        text.Append(Invariant, $"Generator: {result.Preset.Source}; d = {result.Preset.Dimension}, noise std {result.Preset.NoiseStd}. ");
        text.Append(o.Standardise
            ? "Labels standardised per task with the training split's mean and std of each run, so losses are in units of label variance.\n\n"
            : "Labels as generated (not standardised).\n\n");
        text.Append(Invariant, $"Scale: {o.Runs} runs per (model, p), each with fresh data and initialisation, all three models on the same data within a run; ");
        text.Append(Invariant, $"{o.TrainRows:N0}/{o.ValidationRows:N0}/{o.TestRows:N0} train/validation/test rows; batch {o.BatchSize}; Adam; at most {o.MaxSteps:N0} steps, ");
        text.Append(Invariant, $"validation loss every {o.EvaluateEvery} steps, a run stops after {o.Patience} evaluations without improvement and keeps its best weights. ");
        text.Append(Invariant, $"Learning rate per (model, p) from {{{o.LearningRates}}} on mean best validation loss of {o.TuningRuns} tuning run(s) per rate (own seeds, ");
        text.Append(Invariant, $"at most {(o.TuningSteps > 0 ? o.TuningSteps : o.MaxSteps):N0} steps). Final training loss = MSE on the whole training split with the kept weights; test loss on fresh rows. Loss = MSE(y1) + MSE(y2).\n\n");
        text.Append("Parameters per run (Shared-Bottom's width chosen to match MMoE):\n\n");
        var models = new MarkdownTable("model", "shape", "parameters", "vs MMoE");
        foreach (var m in result.Models)
        {
            models.Add(m.Label, m.Shape, m.Parameters.ToString("N0", Invariant), ((m.Parameters / (double)result.Models[0].Parameters) - 1).ToString("+0.0%;-0.0%;0.0%", Invariant));
        }

        text.Append(models).Append('\n');
        var rate = result.RowSteps / result.TrainingSeconds;
        text.Append(Invariant, $"Cost: {result.GraphSteps:N0} batched graph steps (tuning and measured) in {result.TrainingSeconds / 60:F1} min of training, ");
        text.Append(Invariant, $"{result.GraphSteps / result.TrainingSeconds:F1} graph steps/s, {rate:N0} rows/s summed over runs and models; wall time {result.Elapsed.TotalMinutes:F1} min ");
        text.Append(Invariant, $"on {Environment.ProcessorCount} shared cores.\n\n");

        text.Append("## Test loss, mean ± std [95% CI] over runs\n\n");
        text.Append(Table(result, summary, "test_loss")).Append('\n');
        text.Append("## Final training loss, mean ± std [95% CI] over runs\n\n");
        text.Append(Table(result, summary, "train_loss")).Append('\n');
        text.Append("## Paired differences of test loss (a - b, same data per run), mean [95% CI]\n\n");
        var diffs = new MarkdownTable("p", "MMoE - SB", "MMoE - OMoE", "OMoE - SB");
        foreach (var p in result.Correlations)
        {
            diffs.Add([P(p), .. Pairs.Select(pair => Interval(summary.Differences.First(d => d.P == p && d.A == pair.A && d.B == pair.B && d.Metric == "test_loss")))]);
        }

        text.Append(diffs).Append('\n');
        text.Append("## Convergence\n\n");
        var convergence = new MarkdownTable("p", "model", "lr", "mean best step", "stopped early", "curve change over the last fifth");
        foreach (var p in result.Correlations)
        {
            foreach (var m in result.Models)
            {
                var runs = result.RunsOf(m.Key, p);
                var curve = result.Curves.First(c => c.P == p && c.Model == m.Key).Mean;
                var change = curve.Count >= 5 ? (curve[^1] / curve[(int)(curve.Count * 0.8) - 1]) - 1 : double.NaN;
                convergence.Add(P(p), m.Label, runs[0].LearningRate.ToString("G3", Invariant), runs.Average(r => r.BestStep).ToString("N0", Invariant),
                    $"{runs.Count(r => r.StoppedStep >= 0)}/{runs.Count}", change.ToString("+0.0%;-0.0%;0.0%", Invariant));
            }
        }

        text.Append(convergence).Append('\n');
        text.Append("## The paper's claims, decided by the 95% intervals of test loss\n\n");
        text.Append(Claims(result, summary)).Append('\n');
        text.Append("| curves (Fig. 4) | histograms (Fig. 5) |\n|---|---|\n");
        foreach (var p in result.Correlations)
        {
            var name = p.ToString("0.###", Invariant);
            text.Append(Invariant, $"| ![](loss-p{name}.png) | ![](histogram-p{name}.png) |\n");
        }

        return text.ToString();
    }

    private static MarkdownTable Table(SweepResult result, StudySummary summary, string metric)
    {
        var table = new MarkdownTable(["p", .. result.Models.Select(m => m.Label)]);
        foreach (var p in result.Correlations)
        {
            table.Add([P(p), .. result.Models.Select(m =>
            {
                var row = summary.Rows.First(r => r.P == p && r.Model == m.Key && r.Metric == metric);
                return $"{Loss(row.Mean)} ± {Loss(row.Std)} [{Loss(row.Lower)}, {Loss(row.Upper)}]";
            })]);
        }

        return table;
    }

    private static MarkdownTable Claims(SweepResult result, StudySummary summary)
    {
        SummaryDifference D(string a, string b, double p) => summary.Differences.First(d => d.P == p && d.A == a && d.B == b && d.Metric == "test_loss");
        var table = new MarkdownTable(["claim", .. result.Correlations.Select(P)]);
        table.Add(["MMoE < Shared-Bottom", .. result.Correlations.Select(p => Below(D("mmoe", "shared-bottom", p)))]);
        table.Add(["OMoE < Shared-Bottom", .. result.Correlations.Select(p => Below(D("omoe", "shared-bottom", p)))]);
        table.Add(["MMoE < OMoE (paper: at low p)", .. result.Correlations.Select(p => Below(D("mmoe", "omoe", p)))]);
        table.Add(["MMoE ≈ OMoE (paper: at p = 1; interval contains 0)", .. result.Correlations.Select(p =>
        {
            var d = D("mmoe", "omoe", p);
            return d.Lower <= 0 && d.Upper >= 0 ? "yes" : "no";
        })]);
        table.Add(["Shared-Bottom's spread widest (std of training loss)", .. result.Correlations.Select(p =>
        {
            var std = result.Models.Select(m => (m.Key, summary.Rows.First(r => r.P == p && r.Model == m.Key && r.Metric == "train_loss").Std)).ToArray();
            return std.MaxBy(s => s.Std).Key == "shared-bottom" ? "yes" : "no";
        })]);
        return table;
    }

    private static string Interval(SummaryDifference d) => $"{Signed(d.Mean)} [{Signed(d.Lower)}, {Signed(d.Upper)}]";

    /// <summary>
    /// Four significant digits, not four decimals: a preset's losses range from ~1 (google) to ~5e-4 (keras-mmoe, near its
    /// noise floor of 2 × 0.01²), where a fixed number of decimals prints every model as the same 0.0005.
    /// </summary>
    public static string Loss(double value) => value.ToString("G4", Invariant);

    /// <summary><see cref="Loss"/> with its sign always written; significant digits never round a nonzero value to 0, so only ±0 prints as 0.</summary>
    public static string Signed(double value) => value == 0 ? "0" : (value > 0 ? "+" : "-") + Loss(Math.Abs(value));

    private static string P(double p) => p.ToString("0.###", Invariant);
}
