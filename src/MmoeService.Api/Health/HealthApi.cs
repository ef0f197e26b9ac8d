using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MmoeService.Api.Health;

/// <summary>The probes: <c>/health/live</c>, <c>/health/ready</c>, <c>/health/startup</c>.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Liveness runs no check: the process answering is the signal; a model problem must not restart it.
        app.MapHealthChecks("/health/live", Options(_ => false)).WithTags("Health");
        app.MapHealthChecks("/health/ready", Options(c => c.Tags.Contains(HealthExtensions.Ready))).WithTags("Health");
        app.MapHealthChecks("/health/startup", Options(c => c.Tags.Contains(HealthExtensions.Startup))).WithTags("Health");
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
