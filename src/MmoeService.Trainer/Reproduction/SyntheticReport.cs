using System.Globalization;
using System.Text;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Writes the synthetic study's files into one folder: <c>runs.csv</c> (one row per run), <c>curves.csv</c>
/// (mean training loss per step), <c>tuning.csv</c> (learning-rate search), <c>loss-p*.png</c> (Fig. 4),
/// <c>histogram-p*.png</c> (Fig. 5) and <c>results.md</c> with the tables and an automatic check of each
/// claim of the paper, stated as holds or does not hold with the numbers behind it.
/// </summary>
public static class SyntheticReport
{
    public const string ResultsFile = "results.md";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(SyntheticStudyResult result, string folder, int curveSmoothing, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        WriteRuns(result, Path.Combine(folder, "runs.csv"));
        WriteTuning(result, Path.Combine(folder, "tuning.csv"));
        var curves = new CsvTable("correlation", "model", "step", "mean_train_loss");
        foreach (var p in result.Correlations)
        {
            var series = new List<ChartSeries>();
            var samples = new List<(string, IReadOnlyList<double>)>();
            foreach (var model in result.Models)
            {
                var runs = result.RunsOf(model.Key, p).ToArray();
                var mean = MeanCurve(runs);
                for (var s = 0; s < mean.Length; s++)
                {
                    curves.Add(p, model.Key, s + 1, mean[s]);
                }

                series.Add(new ChartSeries(model.Label, Enumerable.Range(1, mean.Length).Select(s => (double)s).ToArray(), LossCurveChart.Smooth(mean, curveSmoothing)));
                samples.Add((model.Label, runs.Select(r => r.FinalTrainLoss).ToArray()));
            }

            LossCurveChart.Save(Path.Combine(folder, $"loss-{Tag(p)}.png"),
                string.Create(Invariant, $"Training loss vs steps, p = {p} (mean of {result.RunsOf(result.Models[0].Key, p).Count()} runs)"), series);
            LossHistogramChart.Save(Path.Combine(folder, $"histogram-{Tag(p)}.png"),
                string.Create(Invariant, $"Final training loss over {samples[0].Item2.Count} runs, p = {p}"), samples, xLabel: "final training loss (mean over the last epoch)");
        }

        curves.Save(Path.Combine(folder, "curves.csv"));
        File.WriteAllText(Path.Combine(folder, ResultsFile), Markdown(result, command));
    }

    /// <summary>File-name tag of a correlation: p0.5, p0.9, p1.</summary>
    public static string Tag(double correlation) => "p" + correlation.ToString("0.###", Invariant);

    /// <summary>Mean over runs of the loss at each step (runs of one (model, p) have equally many steps).</summary>
    public static double[] MeanCurve(IReadOnlyList<SyntheticRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return [];
        }

        var steps = runs.Min(r => r.StepLosses.Count);
        return Enumerable.Range(0, steps).Select(s => runs.Average(r => r.StepLosses[s])).ToArray();
    }

    public static string Markdown(SyntheticStudyResult result, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append("# Synthetic study (Ma et al. 2018, §5): measured\n\n");
        text.Append(Invariant, $"Command: `{command}`\n\n");
        text.Append(Invariant, $"Scale: {result.Scale}. Wall time {result.Elapsed.TotalMinutes:F1} min.\n\n");
        text.Append("Loss = sum over the two tasks of the mean squared error (what the trainer minimises). ");
        text.Append("As in the paper's Fig. 4 and 5, the curves and the \"final loss\" are training losses: the final loss of a run is the mean mini-batch loss of its last epoch. ");
        text.Append("The test loss is measured on fresh test rows of the same run, with the weights of the epoch that had the best validation RMSE on the first task; it is reported beside, not judged.\n\n");

        text.Append("## Models and parameter counts\n\n");
        var models = new MarkdownTable("Model", "experts", "expert / bottom layers", "tower layers", "parameters");
        foreach (var model in result.Models)
        {
            var parameters = result.Runs.FirstOrDefault(r => r.Model == model.Key)?.Parameters ?? 0;
            models.Add(model.Label, model.Experts > 0 ? model.Experts.ToString(Invariant) : "-", model.HiddenLayers, model.TowerLayers, parameters.ToString("N0", Invariant));
        }

        text.Append(models).Append('\n');

        text.Append("## Learning rate chosen on validation loss\n\n");
        var rates = new MarkdownTable(["p", .. result.Models.Select(m => m.Label)]);
        foreach (var p in result.Correlations)
        {
            rates.Add([p.ToString(Invariant), .. result.Models.Select(m => result.ChosenLearningRate(m.Key, p).ToString("G3", Invariant))]);
        }

        text.Append(rates).Append('\n');

        text.Append("## Final loss over runs (Fig. 5 numbers)\n\n");
        var losses = new MarkdownTable("p", "Model", "runs", "final train loss: mean", "median", "best", "std", "test loss: mean", "std");
        foreach (var p in result.Correlations)
        {
            foreach (var model in result.Models)
            {
                var runs = result.RunsOf(model.Key, p).ToArray();
                var test = SampleSummary.Of(runs.Select(r => r.TestLoss));
                var train = SampleSummary.Of(runs.Select(r => r.FinalTrainLoss));
                losses.Add(p.ToString(Invariant), model.Label, train.Count.ToString(Invariant), MarkdownTable.Number(train.Mean),
                    MarkdownTable.Number(train.Median), MarkdownTable.Number(train.Min), MarkdownTable.Number(train.Std),
                    MarkdownTable.Number(test.Mean), MarkdownTable.Number(test.Std));
            }
        }

        text.Append(losses).Append('\n');

        text.Append("## Generator check (Fig. 2): label correlation against p\n\n");
        var generator = new MarkdownTable("p", "cos(w1, w2), mean", "Pearson r of y1, y2 (train rows), mean", "min", "max");
        foreach (var p in result.Correlations)
        {
            var perRun = result.Runs.Where(r => r.Correlation == p).GroupBy(r => r.DataSeed).Select(g => g.First()).ToArray();
            var pearson = SampleSummary.Of(perRun.Select(r => r.LabelCorrelation));
            generator.Add(p.ToString(Invariant), MarkdownTable.Number(perRun.Select(r => r.WeightCosine).DefaultIfEmpty(double.NaN).Average()),
                MarkdownTable.Number(pearson.Mean), MarkdownTable.Number(pearson.Min), MarkdownTable.Number(pearson.Max));
        }

        text.Append(generator).Append('\n');

        text.Append("## The paper's claims, checked on these numbers\n\n");
        foreach (var claim in Claims(result))
        {
            text.Append("- ").Append(claim).Append('\n');
        }

        text.Append("\n## Pictures\n\n");
        foreach (var p in result.Correlations)
        {
            text.Append(Invariant, $"![loss vs steps, p = {p}](loss-{Tag(p)}.png)\n![final loss histogram, p = {p}](histogram-{Tag(p)}.png)\n\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The paper's four claims of §5 plus the generator's Fig. 2, each judged on mean final training losses (spread on
    /// the standard deviation) and phrased "holds" or "does not hold" with the numbers. Needs the three
    /// synthetic models; with fewer correlations than two the trend claims are reported as not checkable.
    /// </summary>
    public static IReadOnlyList<string> Claims(SyntheticStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var claims = new List<string>();
        var ps = result.Correlations.Order().ToArray();
        double Mean(string model, double p) => SampleSummary.Of(result.RunsOf(model, p).Select(r => r.FinalTrainLoss)).Mean;
        double Std(string model, double p) => SampleSummary.Of(result.RunsOf(model, p).Select(r => r.FinalTrainLoss)).Std;
        string Verdict(bool holds) => holds ? "**holds**" : "**does not hold**";
        string Values(string model) => string.Join(", ", ps.Select(p => string.Create(Invariant, $"{Mean(model, p):F4} at p = {p}")));
        var mmoe = StudyModel.PaperMmoe.Key;
        var omoe = StudyModel.PaperOmoe.Key;
        var sb = StudyModel.PaperSharedBottom.Key;

        if (ps.Length >= 2)
        {
            foreach (var model in result.Models)
            {
                var falling = ps.Zip(ps.Skip(1)).All(pair => Mean(model.Key, pair.Second) <= Mean(model.Key, pair.First));
                claims.Add($"All models do better as p rises — {model.Label}: {Verdict(falling)} (mean final training loss {Values(model.Key)}).");
            }
        }
        else
        {
            claims.Add("All models do better as p rises — not checkable with one correlation.");
        }

        foreach (var p in ps)
        {
            var beats = Mean(mmoe, p) < Mean(omoe, p) && Mean(mmoe, p) < Mean(sb, p);
            claims.Add(string.Create(Invariant,
                $"MMoE beats OMoE and Shared-Bottom at p = {p}: {Verdict(beats)} (MMoE {Mean(mmoe, p):F4}, OMoE {Mean(omoe, p):F4}, Shared-Bottom {Mean(sb, p):F4})."));
        }

        if (ps.Length >= 2)
        {
            double Gap(double p) => Math.Min(Mean(omoe, p), Mean(sb, p)) - Mean(mmoe, p);
            var clearest = ps.MaxBy(Gap);
            claims.Add(string.Create(Invariant,
                $"MMoE's lead over the better of the other two is largest at the lowest p = {ps[0]}: {Verdict(clearest == ps[0])} (lead {string.Join(", ", ps.Select(p => $"{Gap(p):F4} at p = {p}"))})."));
            double Relative(double p) => (Mean(omoe, p) - Mean(mmoe, p)) / Mean(mmoe, p);
            claims.Add(string.Create(Invariant,
                $"OMoE approaches MMoE as p reaches {ps[^1]}: {Verdict(Math.Abs(Relative(ps[^1])) < Math.Abs(Relative(ps[0])))} (OMoE above MMoE by {Relative(ps[0]):P1} at p = {ps[0]}, {Relative(ps[^1]):P1} at p = {ps[^1]})."));
        }

        foreach (var p in ps)
        {
            var widest = result.Models.MaxBy(m => Std(m.Key, p))!;
            claims.Add(string.Create(Invariant,
                $"Shared-Bottom has the widest spread of final losses at p = {p}: {Verdict(widest.Key == sb)} (std {string.Join(", ", result.Models.Select(m => $"{m.Label} {Std(m.Key, p):F4}"))})."));
        }

        if (ps.Length >= 2)
        {
            double Pearson(double p) => result.Runs.Where(r => r.Correlation == p).Select(r => r.LabelCorrelation).DefaultIfEmpty(double.NaN).Average();
            var rising = ps.Zip(ps.Skip(1)).All(pair => Pearson(pair.Second) > Pearson(pair.First));
            claims.Add(string.Create(Invariant,
                $"Generator: the Pearson correlation of the labels rises with p: {Verdict(rising)} ({string.Join(", ", ps.Select(p => $"{Pearson(p):F3} at p = {p}"))})."));
        }

        return claims;
    }

    private static void WriteRuns(SyntheticStudyResult result, string path)
    {
        var csv = new CsvTable("correlation", "model", "run", "data_seed", "init_seed", "learning_rate", "parameters", "final_train_loss",
            "best_validation_loss", "test_loss", "test_mse_y1", "test_mse_y2", "best_epoch", "label_pearson", "weight_cosine", "seconds");
        foreach (var r in result.Runs)
        {
            csv.Add(r.Correlation, r.Model, r.Run, r.DataSeed, r.InitSeed, r.LearningRate, r.Parameters, r.FinalTrainLoss, r.ValidationLoss,
                r.TestLoss, r.TestMseFirst, r.TestMseSecond, r.BestEpoch, r.LabelCorrelation, r.WeightCosine, Math.Round(r.Seconds, 2));
        }

        csv.Save(path);
    }

    private static void WriteTuning(SyntheticStudyResult result, string path)
    {
        var csv = new CsvTable("correlation", "model", "learning_rate", "tuning_run", "best_validation_loss", "chosen");
        foreach (var t in result.Trials)
        {
            csv.Add(t.Correlation, t.Model, t.LearningRate, t.TuningRun + 1, t.ValidationLoss, result.ChosenLearningRate(t.Model, t.Correlation) == t.LearningRate ? "yes" : "no");
        }

        csv.Save(path);
    }
}
