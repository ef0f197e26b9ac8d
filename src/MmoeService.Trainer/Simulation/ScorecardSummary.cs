using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MmoeService.Trainer.Simulation;

/// <summary>
/// Renders the parts of <c>GET /experiments/{name}/scorecard</c> a simulated run is judged by: per-arm units,
/// requests, each task's rate with its interval, the lift of each treatment over control per task, and the SRM test.
/// Reads the JSON by property name, since the trainer does not reference the API's types.
/// </summary>
public static class ScorecardSummary
{
    public static IRenderable Render(JsonDocument scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var root = scorecard.RootElement;
        var armList = root.GetProperty("arms").EnumerateArray().ToArray();
        var tasks = armList.Length == 0 ? [] : armList[0].GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task").GetString() ?? "").ToArray();
        var arms = new Table().Title($"scorecard {Markup.Escape(root.GetProperty("experiment").GetString() ?? "")}")
            .AddColumns(["arm", "model", "units", "requests", "impressions", .. tasks.Select(t => $"{Markup.Escape(t)} [[95% CI]]")]);
        foreach (var arm in armList)
        {
            AddRow(arms,
            [
                arm.GetProperty("arm").GetString() + (arm.GetProperty("control").GetBoolean() ? " (control)" : ""),
                arm.GetProperty("model").GetString() ?? "",
                Count(arm, "enrolledUnits"),
                Count(arm, "requests"),
                Count(arm, "impressions"),
                .. arm.GetProperty("tasks").EnumerateArray().Select(t => Rate(t.GetProperty("rate"))),
            ]);
        }

        var lifts = new Table().Title("lift over control")
            .AddColumns("arm", "metric", "control", "treatment", "absolute [[95% CI]]", "relative [[95% CI]]", "p-value");
        foreach (var comparison in root.GetProperty("comparisons").EnumerateArray())
        {
            foreach (var task in comparison.GetProperty("tasks").EnumerateArray())
            {
                var metric = task.GetProperty("task").GetString() ?? "";
                var lift = task.GetProperty("lift");
                AddRow(lifts,
                    comparison.GetProperty("arm").GetString() ?? "",
                    metric,
                    Number(lift, "control", "0.000%"),
                    Number(lift, "treatment", "0.000%"),
                    $"{Number(lift, "absolute", "+0.000%;-0.000%")} [{Number(lift, "absoluteLower", "+0.000%;-0.000%")}, {Number(lift, "absoluteUpper", "+0.000%;-0.000%")}]",
                    $"{Number(lift, "relative", "+0.0%;-0.0%")} [{Number(lift, "relativeLower", "+0.0%;-0.0%")}, {Number(lift, "relativeUpper", "+0.0%;-0.0%")}]",
                    Number(lift, "pValue", "0.0000"));
            }
        }

        var srm = root.GetProperty("sampleRatio");
        var srmLine = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"SRM: chi-square {Number(srm, "chiSquare", "F3")}, df {srm.GetProperty("degreesOfFreedom").GetInt32()}, p {Number(srm, "pValue", "F4")}: {(srm.GetProperty("mismatch").GetBoolean() ? "[red]MISMATCH[/]" : "ok")}"));
        var rows = new List<IRenderable> { arms, lifts, srmLine };
        if (root.TryGetProperty("interleaving", out var interleaving) && interleaving.ValueKind == JsonValueKind.Object)
        {
            var preference = new Table().Title($"interleaving: units preferring {Markup.Escape(interleaving.GetProperty("treatmentArm").GetString() ?? "")} over {Markup.Escape(interleaving.GetProperty("controlArm").GetString() ?? "")}")
                .AddColumns("task", "prefer treatment", "prefer control", "ties", "share [[95% CI]]", "always-valid p", "mean credit difference [[95% CI]]");
            foreach (var task in interleaving.GetProperty("tasks").EnumerateArray())
            {
                var share = task.GetProperty("share");
                var mean = task.GetProperty("meanDifference");
                AddRow(preference,
                    task.GetProperty("task").GetString() ?? "",
                    Count(task, "preferTreatment"),
                    Count(task, "preferControl"),
                    Count(task, "ties"),
                    share.ValueKind == JsonValueKind.Object ? $"{Number(share, "value", "0.0%")} [{Number(share, "lower", "0.0%")}, {Number(share, "upper", "0.0%")}]" : "n/a",
                    share.ValueKind == JsonValueKind.Object ? Number(share, "alwaysValidPValue", "0.0000") : "n/a",
                    mean.ValueKind == JsonValueKind.Object ? $"{Number(mean, "value", "+0.0000;-0.0000")} [{Number(mean, "lower", "+0.0000;-0.0000")}, {Number(mean, "upper", "+0.0000;-0.0000")}]" : "n/a");
            }

            rows.Add(preference);
        }

        return new Rows(rows);
    }

    /// <summary>
    /// The oracle beside the measurement: each arm's true expected CTR and satisfied-click rate per impression over
    /// the slates it showed (from the world's true probabilities), and each measured relative lift with the true one.
    /// </summary>
    public static IRenderable Oracle(IReadOnlyDictionary<string, (double Ctr, double Satisfaction, long Impressions)> arms, IReadOnlyList<LookReading> readings)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(readings);
        var truth = new Table().Title("oracle: true rates of the slates shown").AddColumns("arm", "impressions", "true CTR", "true satisfied-click rate");
        foreach (var (arm, rates) in arms.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            AddRow(truth, arm, rates.Impressions.ToString("N0", CultureInfo.InvariantCulture),
                rates.Ctr.ToString("0.000%", CultureInfo.InvariantCulture), rates.Satisfaction.ToString("0.000%", CultureInfo.InvariantCulture));
        }

        var lifts = new Table().Title("measured against true lift").AddColumns("method", "arm", "metric", "measured [[95% CI]]", "p", "always-valid p", "true");
        foreach (var r in readings)
        {
            AddRow(lifts, r.Method, r.Arm, r.Task,
                $"{Format(r.Estimate, "+0.0%;-0.0%")} [{Format(r.Lower, "+0.0%;-0.0%")}, {Format(r.Upper, "+0.0%;-0.0%")}]",
                Format(r.PValue, "0.0000"), Format(r.AlwaysValidPValue, "0.0000"), Format(r.TrueLift, "+0.0%;-0.0%"));
        }

        return new Rows(truth, lifts);
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    /// <summary>Cells are plain text: intervals print brackets, which Spectre would read as markup.</summary>
    private static void AddRow(Table table, params string[] cells) => table.AddRow(cells.Select(c => new Text(c)));

    private static string Count(JsonElement element, string name) =>
        element.GetProperty(name).GetInt64().ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(JsonElement rate) =>
        $"{Number(rate, "value", "0.000%")} [{Number(rate, "lower", "0.000%")}, {Number(rate, "upper", "0.000%")}]";

    private static string Number(JsonElement element, string name, string format) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString(format, CultureInfo.InvariantCulture)
            : "n/a";
}
