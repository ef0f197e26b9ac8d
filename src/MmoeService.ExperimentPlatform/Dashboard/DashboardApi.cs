using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MmoeService.ExperimentPlatform.Scorecards;

namespace MmoeService.ExperimentPlatform.Dashboard;

/// <summary>
/// Endpoints of the dashboard: a read-only page per experiment that polls its scorecard JSON, an index of
/// experiments, and the embedded script and stylesheet. Nothing is fetched from outside the service.
/// </summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dashboard = app.MapGroup("/dashboard").WithTags("Dashboard").ExcludeFromDescription();
        dashboard.MapGet("/", Index);
        dashboard.MapGet("/{experiment}", Experiment);
        dashboard.MapGet("/assets/{file}", Asset);
        return dashboard;
    }

    private static ContentHttpResult Index(DashboardAssets assets, IOptions<DashboardOptions> options) =>
        TypedResults.Content(assets.Page("index.html", Values(options.Value)), "text/html; charset=utf-8");

    private static Results<ContentHttpResult, ProblemHttpResult> Experiment(
        string experiment, DashboardAssets assets, ExperimentCatalog catalog, IOptions<DashboardOptions> options)
    {
        if (catalog.Find(experiment) is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown experiment",
                detail: $"No experiment named '{experiment}' is configured; /dashboard lists them.");
        }

        var values = new Dictionary<string, string>(Values(options.Value), StringComparer.Ordinal)
        {
            ["experiment"] = HtmlEncoder.Default.Encode(experiment),
            ["scorecard"] = HtmlEncoder.Default.Encode($"/experiments/{Uri.EscapeDataString(experiment)}/scorecard"),
        };
        return TypedResults.Content(assets.Page("experiment.html", values), "text/html; charset=utf-8");
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Asset(string file, DashboardAssets assets) =>
        file.EndsWith(".html", StringComparison.Ordinal) || !assets.TryGet(file, out var text, out var contentType)
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown dashboard asset", detail: $"'{file}' is not a dashboard asset.")
            : TypedResults.Content(text, contentType);

    private static Dictionary<string, string> Values(DashboardOptions options) => new(StringComparer.Ordinal)
    {
        ["refreshMs"] = (options.RefreshSeconds * 1000).ToString(CultureInfo.InvariantCulture),
    };
}
