using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MmoeService.Api.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: the API on a loopback Kestrel port (the in-memory TestServer is unreachable
/// for chromium) with traffic seeded through /score and /feedback, the page loaded from it, and the numbers on
/// screen checked against the scorecard JSON.
/// </summary>
[Trait("Kind", "Browser")]
public sealed class DashboardBrowserTests
{
    private const string Experiment = "mmoe-vs-shared-bottom";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [ChromiumFact]
    public async Task DashboardPage_SeededTraffic_ShowsArmsNumbersAndRefreshes()
    {
        var data = Path.Combine(Path.GetTempPath(), "mmoe-dashboard-" + Guid.NewGuid().ToString("N"));
        try
        {
            await PlayPreperiodAsync(data);
            await ShowExperimentAsync(data);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    // The same users first score outside any experiment, so the experiment's CUPED panel has a pre-period.
    private static async Task PlayPreperiodAsync(string data)
    {
        ExposureCounter? counter = null;
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?> { ["Storage:DataDirectory"] = data },
            services: services => services.DecorateStore(store => counter = new ExposureCounter(store)));
        var client = await factory.StartAsync();
        _ = factory.Services.GetRequiredService<ExperimentPlatform.IExperimentStore>();
        await new SeededTraffic().PlayAsync(client, factory.Time, counter!, users: 300, repeatUsers: 150);
    }

    private static async Task ShowExperimentAsync(string data)
    {
        ExposureCounter? counter = null;
        await using var factory = new MmoeApiFactory(
            settings: new Dictionary<string, string?>
            {
                ["Experiments:Active"] = Experiment, ["Dashboard:RefreshSeconds"] = "1", ["Storage:DataDirectory"] = data,
                [$"Experiments:Experiments:{Experiment}:Sequential:PlannedUnits"] = "20000",
            },
            services: services => services.DecorateStore(store => counter = new ExposureCounter(store)));
        factory.UseKestrel(0);
        var client = await factory.StartAsync();
        _ = factory.Services.GetRequiredService<ExperimentPlatform.IExperimentStore>(); // the exposure writer's store: the counter
        factory.Time.Advance(TimeSpan.FromHours(2)); // after the pre-period's last exposure and feedback
        var traffic = new SeededTraffic();
        await traffic.PlayAsync(client, factory.Time, counter!, users: 300, repeatUsers: 150);
        var card = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(new Uri(client.BaseAddress!, "/dashboard").ToString());
        var listed = page.Locator($"[data-testid='experiment-{Experiment}']");
        await Expect(listed).ToContainTextAsync("shared-bottom (control): shared-bottom, 50% · mmoe: mmoe, 50%");
        await listed.GetByRole(AriaRole.Link, new() { Name = Experiment }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(client.BaseAddress!, $"/dashboard/{Experiment}").ToString());

        await Expect(page.Locator("#title")).ToHaveTextAsync(Experiment);
        foreach (var arm in card["arms"]!.AsArray())
        {
            var row = page.Locator($"[data-testid='arm-row-{(string)arm!["arm"]!}']");
            await Expect(row.Locator("[data-field='requests']")).ToHaveTextAsync(((long)arm["requests"]!).ToString("N0", English));
            await Expect(row.Locator("[data-field='enrolled']")).ToHaveTextAsync(((long)arm["enrolledUnits"]!).ToString("N0", English));
            foreach (var task in arm["tasks"]!.AsArray())
            {
                var name = (string)task!["task"]!;
                await Expect(row.Locator($"[data-field='positives-{name}']")).ToHaveTextAsync(((long)task["rate"]!["positives"]!).ToString("N0", English));
                await Expect(row.Locator($"[data-field='rate-{name}']")).ToContainTextAsync(Percent((double)task["rate"]!["value"]!));
            }
        }

        var ctr = card["comparisons"]![0]!["tasks"]![0]!;
        await Expect(page.Locator("[data-testid='lift-mmoe-ctr'] [data-field='p']")).ToHaveTextAsync(PValue((double)ctr["lift"]!["pValue"]!));
        await Expect(page.Locator("[data-testid='lift-mmoe-ctr'] [data-field='av-p']")).ToHaveTextAsync(PValue((double)ctr["alwaysValid"]!["pValue"]!));
        await Expect(page.Locator("[data-testid='lift-mmoe-ctr'] [data-field='verdict']")).ToHaveTextAsync((string)ctr["verdict"]!);
        await Expect(page.Locator("[data-testid='verdict-basis']")).ToContainTextAsync("Verdicts from the always-valid reading");
        await Expect(page.Locator("[data-testid='verdict-banner']")).ToContainTextAsync(
            $"Under the planned units: {((long)card["sequential"]!["enrolledUnits"]!).ToString("N0", English)} of 20,000 enrolled.");
        await Expect(page.Locator("[data-testid='holm-note']")).ToHaveCountAsync(0);
        var cuped = ctr["cuped"]!;
        await Expect(page.Locator("[data-testid='cuped-mmoe-ctr'] [data-field='variance-reduction']"))
            .ToHaveTextAsync(Percent((double)cuped["varianceReduction"]!, 1));
        await Expect(page.Locator("#traffic-hint")).ToHaveTextAsync(new Regex("^requests per \\d+ s$"));
        Assert.Equal(5, (int)card["arms"]![0]!["trafficBucketSeconds"]!);
        await Expect(page.Locator("[data-testid='srm-verdict']")).ToHaveTextAsync(
            (bool)card["sampleRatio"]!["mismatch"]! ? new Regex("^Sample ratio MISMATCH") : new Regex("^Sample ratio OK$"));
        await Expect(page.Locator("[data-testid='gate-mmoe-satisfaction-3']")).ToBeVisibleAsync();
        foreach (var task in card["gates"]![0]!["tasks"]!.AsArray())
        {
            var name = (string)task!["task"]!;
            await Expect(page.Locator($"[data-testid='gate-concentration-mmoe-{name}']")).ToHaveTextAsync(
                $"{name}: {Percent((double)task["concentratedShare"]!, 1)} of candidates have one expert above 0.95");
        }

        var learned = card["gates"]![0]!["expertDiversity"]!;
        await Expect(page.Locator("[data-testid='gate-experts-mmoe']")).ToContainTextAsync(
            $"mean linear CKA {((double)learned["meanLinearCka"]!).ToString("0.000", English)}");

        await page.ScreenshotAsync(new() { Path = ScreenshotPath(), FullPage = true });

        // The page polls: more traffic shows up without a reload.
        await traffic.PlayAsync(client, factory.Time, counter!, users: 20, repeatUsers: 0);
        var refreshed = await client.GetFromJsonNodeAsync($"/experiments/{Experiment}/scorecard");
        foreach (var arm in refreshed["arms"]!.AsArray())
        {
            await Expect(page.Locator($"[data-testid='arm-row-{(string)arm!["arm"]!}'] [data-field='requests']"))
                .ToHaveTextAsync(((long)arm["requests"]!).ToString("N0", English));
        }

        Assert.Equal(traffic.Requests, refreshed["arms"]!.AsArray().Sum(a => (long)a!["requests"]!));
        Assert.Empty(problems);
    }

    // The page's formats: fixed decimals, and p-values under 1e-4 in exponent form.
    private static string PValue(double p) => p < 0.0001
        ? p.ToString("0.0e+0", CultureInfo.InvariantCulture)
        : p.ToString("F4", CultureInfo.InvariantCulture);

    private static string Percent(double value, int decimals = 2) =>
        (value * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    // MMOE_DASHBOARD_SCREENSHOT=docs/dashboard.png refreshes the README's picture; otherwise it goes to the temp folder.
    private static string ScreenshotPath() =>
        Environment.GetEnvironmentVariable("MMOE_DASHBOARD_SCREENSHOT") is { Length: > 0 } path
            ? Path.GetFullPath(path, RepositoryPaths.RepositoryRoot)
            : Path.Combine(Path.GetTempPath(), "mmoe-dashboard.png");
}
