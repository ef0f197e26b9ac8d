using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MmoeService.Api.Observability;

namespace MmoeService.Api.Limits;

/// <summary>
/// Wiring of the Limits feature: ASP.NET Core's rate-limiting middleware with one concurrency limiter (and queue)
/// shared by every data-plane endpoint, and an optional token bucket per client in front of it. Endpoints opt
/// in with <see cref="WithAdmissionLimits{TBuilder}"/>; everything else (probes, metrics, docs, admin) is never
/// limited. Rejections are RFC 9457 problem details with <c>Retry-After</c>: 429 for a client over its rate,
/// 503 when the whole replica is saturated (a per-client status would blame a client for everyone's load).
/// </summary>
public static class LimitsExtensions
{
    /// <summary>The endpoint policy of the data plane: one shared concurrency limiter.</summary>
    public const string DataPlanePolicy = "data-plane";

    private const string Everyone = "all";

    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<LimitsOptions>()
            .BindConfiguration(LimitsOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddOptionsWithValidateOnStart<ClientRateLimitOptions>()
            .BindConfiguration($"{LimitsOptions.SectionName}:{nameof(LimitsOptions.ClientRateLimit)}")
            .ValidateDataAnnotations();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<LimitsOptions>, IOptions<ClientRateLimitOptions>>((options, limits, clients) =>
            {
                var settings = limits.Value;
                options.AddPolicy(DataPlanePolicy, _ => RateLimitPartition.GetConcurrencyLimiter(Everyone, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = settings.MaxConcurrentRequests,
                    QueueLimit = settings.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
                if (clients.Value.Enabled)
                {
                    options.GlobalLimiter = ClientLimiter(clients.Value);
                }

                options.OnRejected = (context, _) => RejectAsync(context, settings);
            });
        return builder;
    }

    /// <summary>Puts an endpoint (or a group) behind the data-plane limits.</summary>
    public static TBuilder WithAdmissionLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireRateLimiting(DataPlanePolicy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }

    /// <summary>After routing (the limiter reads the endpoint's policy) and before the endpoints run.</summary>
    public static WebApplication UseLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// A token bucket per client, applied only to endpoints with the data-plane policy. The partition key is never
    /// logged; idle buckets are dropped by the limiter, so a client inventing header values cannot grow memory for long.
    /// </summary>
    private static PartitionedRateLimiter<HttpContext> ClientLimiter(ClientRateLimitOptions settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            if (!string.Equals(policy, DataPlanePolicy, StringComparison.Ordinal))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var client = settings.PartitionBy == ClientPartition.Header
                ? http.Request.Headers[settings.Header].ToString()
                : http.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
            return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.Burst,
                TokensPerPeriod = settings.PermitsPerPeriod,
                ReplenishmentPeriod = settings.Period,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

    /// <summary>
    /// Tells the two limiters apart by their lease: a token bucket's refusal says when a token comes back
    /// (<see cref="MetadataName.RetryAfter"/>), the concurrency limiter's does not.
    /// </summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, LimitsOptions settings)
    {
        var http = context.HttpContext;
        var metrics = http.RequestServices.GetRequiredService<LimitsMetrics>();
        var clientLimited = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        int status;
        int seconds;
        string title;
        string detail;
        if (clientLimited)
        {
            status = StatusCodes.Status429TooManyRequests;
            seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            title = "Too many requests from this client";
            detail = $"This client is over its rate ({LimitsOptions.SectionName}:ClientRateLimit); retry after {seconds} s.";
            metrics.RequestRejected("client_rate");
        }
        else
        {
            status = StatusCodes.Status503ServiceUnavailable;
            seconds = settings.RetryAfterSeconds;
            title = "Service saturated";
            detail = $"{settings.MaxConcurrentRequests} requests are in progress and {settings.QueueLimit} waiting " +
                $"({LimitsOptions.SectionName}:MaxConcurrentRequests, {LimitsOptions.SectionName}:QueueLimit); retry after {seconds} s.";
            metrics.RequestRejected("concurrency");
        }

        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A gRPC client reads a status, not a problem body: a trailers-only answer (HTTP 200, status in the
            // headers) with the codes the service's own refusals use.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/grpc";
            http.Response.Headers["grpc-status"] = clientLimited ? "8" : "14"; // ResourceExhausted : Unavailable
            http.Response.Headers["grpc-message"] = Uri.EscapeDataString($"{title}: {detail}");
            http.Response.Headers["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture);
            return;
        }

        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
