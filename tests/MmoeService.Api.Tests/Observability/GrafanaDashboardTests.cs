using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MmoeService.Api.Tests.Observability;

/// <summary>The experiments Grafana dashboard only queries series the service really exports.</summary>
[Trait("Kind", "Integration")]
public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardPath = Path.Combine(RepositoryPaths.RepositoryRoot, "deploy", "grafana", "mmoe-experiments.json");

    [Fact]
    public async Task ExperimentsDashboard_EveryQueriedMetric_IsExportedAtMetrics()
    {
        var queried = QueriedMetrics(JsonNode.Parse(await File.ReadAllTextAsync(DashboardPath))!);
        await using var factory = new MmoeApiFactory();
        var client = await factory.StartAsync();

        // One scored request creates the labelled request series; the rest exist from start.
        using var score = await client.PostScoreAsync(ApiClient.ExampleRequest());
        var exported = ExportedFamilies(await client.GetStringAsync("/metrics"));

        Assert.NotEmpty(queried);
        Assert.Empty(queried.Except(exported));
    }

    // Metric names in every target expression and template query; histogram suffixes map to their family.
    private static SortedSet<string> QueriedMetrics(JsonNode dashboard)
    {
        var expressions = dashboard["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]?.AsArray() ?? [])
            .Select(t => (string?)t!["expr"])
            .Concat(dashboard["templating"]!["list"]!.AsArray().Select(v => (string?)v!["definition"]))
            .OfType<string>();
        return new SortedSet<string>(
            expressions.SelectMany(e => MetricName().Matches(e).Select(m => HistogramSuffix().Replace(m.Value, string.Empty))),
            StringComparer.Ordinal);
    }

    private static HashSet<string> ExportedFamilies(string exposition) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\bmmoe_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
