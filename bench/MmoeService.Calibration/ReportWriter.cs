using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MmoeService.Calibration;

/// <summary>Writes calibration.json, calibration.md and the two PNG plots into one folder.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(CalibrationReport report, string folder, TimeSpan wallTime, string command, string load)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "calibration.json"), JsonSerializer.Serialize(report.Result, Json) + "\n");
        Charts.Peeking(report, Path.Combine(folder, "calibration-peeking.png"));
        Charts.Power(report, Path.Combine(folder, "calibration-power.png"));
        File.WriteAllText(Path.Combine(folder, "calibration.md"), Markdown(report, wallTime, command, load));
    }

    public static string Markdown(CalibrationReport report, TimeSpan wallTime, string command, string load)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var m = o.Model;
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("# Calibration of the experiment statistics");
        s.AppendLine();
        s.AppendLine("**Scope.** This harness calibrates the statistics in `src/MmoeService.ExperimentPlatform/Statistics/` on simulated");
        s.AppendLine("per-unit data. It does not exercise the service's scoring pipeline, exposure store or scorecard endpoint: the");
        s.AppendLine("end-to-end path (`/score` → store → scorecard) is not yet covered by any calibration run. Formulas and sources:");
        s.AppendLine("[methods.md](methods.md).");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`  ");
        s.AppendLine(CultureInfo.InvariantCulture, $"Wall time {wallTime.TotalSeconds:F0} s on {Environment.ProcessorCount} cores, {o.Parallelism} worker(s); load before the run: `{load}`.  ");
        s.AppendLine(CultureInfo.InvariantCulture, $"Seed {o.Seed} (each experiment's seed is SplitMix64 of seed, design, users and repeat index).");
        s.AppendLine();
        s.AppendLine("## Generative model");
        s.AppendLine();
        s.AppendLine("Per user: z, v, w ~ N(0, 1) independent;");
        s.AppendLine(c, $"click probability per impression p = logistic({m.ClickLogit} + {m.ClickSpread}·z);");
        s.AppendLine(c, $"satisfied given a click s = logistic({m.SatisfactionLogit} + {m.SatisfactionSpread}·(0.5·z + 0.866·w));");
        s.AppendLine(c, $"requests per period 1 + Poisson({m.RequestRate}·exp({m.ActivitySpread}·v)), {m.SlateSize} impressions each.");
        s.AppendLine(c, $"Pre-period: the same user's earlier period from the same law (fresh requests and outcomes); {m.NewUserShare:P0} of users have none.");
        s.AppendLine("CUPED's covariate is the pre-period count of the metric's positives (clicks, or satisfied clicks), with an indicator for users without one.");
        s.AppendLine("Treatment multiplies p by (1 + δ), so both metrics' true relative lift is δ. A/A: δ = 0.");
        s.AppendLine("Interleaving: every user gets team-draft interleaved slates (control's ranking and a random permutation of the");
        s.AppendLine("same candidates), each shown item clicked with p·(1 + δ) if treatment contributed it, p otherwise; a unit prefers the");
        s.AppendLine("team with more clicks (satisfied clicks). No position bias is modelled, so the interleaving figures show what a");
        s.AppendLine("within-user comparison gains when between-user variance is the main noise, not what the service would gain.");
        s.AppendLine();
        s.AppendLine("## Design");
        s.AppendLine();
        s.AppendLine(c, $"A/A: {o.AaRepeats} experiments; known effect (δ = {o.TrueLift:P0}): {o.KnownEffectRepeats} experiments; each {o.UsersPerExperiment:N0} users,");
        s.AppendLine(c, $"a look every {o.LookEvery:N0} users ({ExperimentSimulation.Looks(o.UsersPerExperiment, o.LookEvery)} looks), α = {o.Alpha}, confidence sequence tuned to {o.UsersPerExperiment:N0} units (the planned horizon).");
        s.AppendLine("Relative lift treatment/control - 1, delta method clustered by user. `fixed-horizon-peeking`: the Wald test read at every");
        s.AppendLine("look, a difference declared at the first look with p < α. `fixed-horizon`: read once at the horizon. `always-valid`,");
        s.AppendLine("`cuped` and `interleaving`: the always-valid p-value at every look (raw, CUPED-adjusted, and the share of units");
        s.AppendLine("preferring treatment tested against 1/2). Rates carry Wilson 95% intervals. Coverage: the share of experiments whose");
        s.AppendLine("interval contained δ at every look (at the horizon for `fixed-horizon`).");
        s.AppendLine();
        s.AppendLine("| design | method | metric | repeats | looks | rejections | rate | 95% interval | coverage |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---|---:|");
        foreach (var r in report.Result.Rows)
        {
            s.AppendLine(c, $"| {r.Design} | {r.Method} | {r.Metric} | {r.Repeats} | {r.Looks} | {r.Rejections} | {r.Rate:F3} | [{r.Lower:F3}, {r.Upper:F3}] | {(r.Coverage is { } v ? v.ToString("F3", c) : "")} |");
        }

        s.AppendLine();
        s.AppendLine("![Share of A/A experiments that have declared a difference by each look](calibration-peeking.png)");
        s.AppendLine();
        s.AppendLine("CUPED's measured variance reduction at the horizon (mean over known-effect experiments): "
            + string.Join(", ", report.MeanVarianceReduction.Select(p => string.Create(c, $"{p.Key} {p.Value:P1}"))) + ".");
        s.AppendLine();
        s.AppendLine("## Sensitivity");
        s.AppendLine();
        s.AppendLine(c, $"Power of the fixed-horizon test at n users, CTR, true lift δ = {o.TrueLift:P0}, {o.PowerRepeats} experiments per point; users doubled until raw A/B reached 95%.");
        s.AppendLine("Users for 80% power interpolate linearly in log(users) between the two points around 80% (the first grid size when it");
        s.AppendLine("already has 80%, so that figure is an upper bound).");
        s.AppendLine();
        s.AppendLine("| users | A/B raw | A/B CUPED | interleaving (share) | interleaving (mean credit difference) |");
        s.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var p in report.Power)
        {
            s.AppendLine(c, $"| {p.Users:N0} | {p.Raw:F3} | {p.Cuped:F3} | {p.Interleaving:F3} | {p.InterleavingMeanDifference:F3} |");
        }

        s.AppendLine();
        var raw = report.Result.Sensitivity.First(x => x.Method == "fixed-horizon").UsersFor80Power;
        s.AppendLine("| method | users for 80% power | ratio to raw A/B |");
        s.AppendLine("|---|---:|---:|");
        foreach (var x in report.Result.Sensitivity)
        {
            var ratio = x.Method != "fixed-horizon" && raw is { } r0 && x.UsersFor80Power is { } u ? (r0 / u).ToString("F1", c) + "× fewer users" : "";
            s.AppendLine(c, $"| {x.Method} | {(x.UsersFor80Power is { } n ? n.ToString("N0", c) : "not reached")} | {ratio} |");
        }

        s.AppendLine();
        s.AppendLine("![Power against users](calibration-power.png)");
        s.AppendLine();
        s.AppendLine("## Reading");
        s.AppendLine();
        var rows = report.Result.Rows;
        CalibrationRow Find(string design, string method, string metric) => rows.First(r => r.Design == design && r.Method == method && r.Metric == metric);
        foreach (var metric in new[] { "ctr", "satisfaction" })
        {
            var peeking = Find("aa", "fixed-horizon-peeking", metric);
            var valid = Find("aa", "always-valid", metric);
            var coverage = Find("known-effect", "always-valid", metric);
            s.AppendLine(string.Create(c, $"- {metric}: reading the fixed-horizon test at every one of {peeking.Looks} looks declared a difference in {peeking.Rate:P1} of A/A experiments [{peeking.Lower:P1}, {peeking.Upper:P1}];")
                + string.Create(c, $" the always-valid test at the same looks in {valid.Rate:P1} [{valid.Lower:P1}, {valid.Upper:P1}] (nominal at most {o.Alpha:P0}). The always-valid interval contained the true lift at every look in {coverage.Coverage:P1} of known-effect experiments."));
        }

        s.AppendLine("- The always-valid test is conservative here (well under α): the boundary is built for unlimited looks, and 40 looks use");
        s.AppendLine("  only part of that budget. Its price is power: compare `always-valid` with `fixed-horizon` under the known effect.");
        s.AppendLine("- The sensitivity ratios hold for this simulated model only (no position bias, effects that scale every item's");
        s.AppendLine("  click probability); they are not a forecast for the service.");
        return s.ToString();
    }
}
