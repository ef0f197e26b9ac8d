using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MmoeService.Api.Experiments.Scorecards;
using MmoeService.Api.Tests.Integration.Scorecards;
using static Microsoft.Playwright.Assertions;

namespace MmoeService.Api.Tests.Integration.Dashboard;

/// <summary>
/// The dashboard in a real browser: the API on a loopback Kestrel port (the in-memory TestServer is unreachable
/// for chromium), the page loaded from it, and the numbers on screen checked against the scorecard JSON.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Experiment = "mmoe-vs-shared-bottom";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [ChromiumFact]
    public async Task DashboardPage_StoredTraffic_ShowsArmsNumbersAndRefreshes()
    {
        var store = new FixedExperimentStore(SampleTraffic(extraRequests: 0));
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Experiments:Active"] = Experiment, ["Dashboard:RefreshSeconds"] = "1" },
            services: services => services.AddSingleton<Api.Storage.IExperimentStore>(store));
        factory.UseKestrel(0);
        var client = await factory.StartAsync();
        var card = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(new Uri(client.BaseAddress!, $"/dashboard/{Experiment}").ToString());

        await Expect(page.Locator("#title")).ToHaveTextAsync(Experiment);
        foreach (var arm in card["arms"]!.AsArray())
        {
            var row = page.Locator($"[data-testid='arm-row-{(string)arm!["arm"]!}']");
            await Expect(row.Locator("[data-field='requests']")).ToHaveTextAsync(((long)arm["requests"]!).ToString("N0", English));
            await Expect(row.Locator("[data-field='enrolled']")).ToHaveTextAsync(((long)arm["enrolledUnits"]!).ToString("N0", English));
            await Expect(row.Locator("[data-field='clicks']")).ToHaveTextAsync(((long)arm["clicks"]!).ToString("N0", English));
            await Expect(row.Locator("[data-field='ctr']")).ToContainTextAsync(Percent((double)arm["ctr"]!["value"]!));
        }

        var ctrLift = card["comparisons"]![0]!["ctr"]!;
        await Expect(page.Locator("[data-testid='lift-mmoe-ctr'] [data-field='p']")).ToHaveTextAsync(((double)ctrLift["pValue"]!).ToString("F4", CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-testid='srm-verdict']")).ToHaveTextAsync("Sample ratio OK");
        await Expect(page.Locator("[data-testid='gate-mmoe-satisfaction-1']")).ToBeVisibleAsync();

        // The page polls: new traffic shows up without a reload.
        store.Observations = SampleTraffic(extraRequests: 1000);
        var refreshed = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");
        await Expect(page.Locator("[data-testid='arm-row-mmoe'] [data-field='requests']"))
            .ToHaveTextAsync(((long)refreshed["arms"]![1]!["requests"]!).ToString("N0", English));

        await page.ScreenshotAsync(new() { Path = ScreenshotPath(), FullPage = true });
        Assert.Empty(problems);
    }

    private static string Percent(double value) => (value * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    // MMOE_DASHBOARD_SCREENSHOT=docs/dashboard.png refreshes the README's picture; otherwise it goes to the temp folder.
    private static string ScreenshotPath() =>
        Environment.GetEnvironmentVariable("MMOE_DASHBOARD_SCREENSHOT") is { Length: > 0 } path
            ? Path.GetFullPath(path, RepositoryPaths.RepositoryRoot)
            : Path.Combine(Path.GetTempPath(), "mmoe-dashboard.png");

    private static IReadOnlyList<ArmObservations> SampleTraffic(int extraRequests)
    {
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        var random = new Random(11);
        TrafficBucket[] Traffic() => Enumerable.Range(0, 20).Select(m => new TrafficBucket(start.AddMinutes(m), 40 + random.Next(20))).ToArray();
        LabeledPrediction[] Sample(double rate) => Enumerable.Range(0, 400)
            .Select(_ => random.NextDouble() * 2 * rate is var p && true ? new LabeledPrediction((float)p, random.NextDouble() < p) : null!).ToArray();
        double[] Latency(double median) => Enumerable.Range(0, 300).Select(_ => median * (0.5 + random.NextDouble()) + (random.NextDouble() < 0.03 ? 20 : 0)).ToArray();

        var control = new ArmObservations(
            "shared-bottom", "shared-bottom", [1], 1012, 1210, 3, 12100,
            new TaskOutcomes(1180, 12100, 1250, 12100), new TaskOutcomes(520, 12100, 500, 12100),
            new UnitMoments(1012, 1180, 12100, 2400, 160000, 15500), new UnitMoments(1012, 520, 12100, 800, 160000, 6800),
            Sample(0.1), Sample(0.04), Latency(4), Traffic(), null);
        var treatment = new ArmObservations(
            "mmoe", "mmoe", [1], 988, 1190 + extraRequests, 1, 11900,
            new TaskOutcomes(1290, 11900, 1260, 11900), new TaskOutcomes(560, 11900, 520, 11900),
            new UnitMoments(988, 1290, 11900, 2700, 155000, 16800), new UnitMoments(988, 560, 11900, 860, 155000, 7300),
            Sample(0.11), Sample(0.045), Latency(5), Traffic(),
            [[0.232f, 0.401f, 0.189f, 0.178f], [0.168f, 0.437f, 0.212f, 0.183f]]);
        return [control, treatment];
    }
}
