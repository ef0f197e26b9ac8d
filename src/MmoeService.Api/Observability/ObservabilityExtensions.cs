using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Npgsql;
using Prometheus;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using MmoeService.Api.Limits;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.Serving.Batching;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Observability;
using MmoeService.Serving.Scoring;

namespace MmoeService.Api.Observability;

/// <summary>
/// Wiring of the Observability feature: Serilog, OpenTelemetry traces, the per-host Prometheus registry with every
/// feature's metrics class, user id hashing.
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>Console logger for the moments before the host's logger exists (and for a failed start).</summary>
    public static Serilog.ILogger CreateBootstrapLogger() => new LoggerConfiguration()
        .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
        .WriteTo.Console(new RenderedCompactJsonFormatter())
        .CreateBootstrapLogger();

    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Serilog replaces the default providers; providers added later (tests capture logs this way) still
        // receive every event through writeToProviders. The static bootstrap logger is left alone because
        // several hosts may share a process (WebApplicationFactory) and it can be frozen only once.
        // The console is written from a background thread (Serilog.Sinks.Async): the console sink formats and writes
        // under one lock, so with one event per request every scoring thread queued behind stdout. Past 10,000
        // waiting events a request blocks instead of dropping its log (blockWhenFull).
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.Async(sink => sink.Console(new RenderedCompactJsonFormatter()), bufferSize: 10_000, blockWhenFull: true),
            preserveStaticLogger: true,
            writeToProviders: true);

        builder.Services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.SectionName);
        builder.Services.AddSingleton<UserIdHasher>();
        builder.AddMetrics();
        builder.AddTracing();
        return builder;
    }

    /// <summary>
    /// The host's own Prometheus registry and one metrics class per feature of both wings. They are created here,
    /// with the registry, so every series is exported from the first scrape, before any feature has been resolved.
    /// </summary>
    private static void AddMetrics(this IHostApplicationBuilder builder)
    {
        var registry = Metrics.NewCustomRegistry();
        var degraded = new DegradedMetrics(registry);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(degraded);
        builder.Services.AddSingleton(new ModelMetrics(registry, degraded));
        builder.Services.AddSingleton(new BatchingMetrics(registry));
        builder.Services.AddSingleton(new ScoringMetrics(registry));
        builder.Services.AddSingleton(new LimitsMetrics(registry));
        builder.Services.AddSingleton(new AssignmentMetrics(registry));
        builder.Services.AddSingleton(new ExposureMetrics(registry));
        builder.Services.AddSingleton(new SpoolMetrics(registry));
        builder.Services.AddSingleton(new FeedbackMetrics(registry));
    }

    /// <summary>
    /// Traces of every request (W3C trace context in and out: an incoming <c>traceparent</c> is continued, outgoing
    /// HttpClient calls carry it on), with spans for the scoring stages and for PostgreSQL commands. Serilog stamps
    /// each event with the current trace and span id; the OTLP exporter is added only when Tracing:OtlpEndpoint is set.
    /// </summary>
    private static void AddTracing(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TracingOptions.SectionName).Get<TracingOptions>() ?? new TracingOptions();
        if (settings.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidOperationException($"{TracingOptions.SectionName}:OtlpProtocol is '{settings.OtlpProtocol}'; use grpc or http/protobuf.");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ScoringActivities.SourceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ScoringActivities.SourceName)
                    .AddAspNetCoreInstrumentation(options => options.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (settings.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(otlp =>
                    {
                        otlp.Endpoint = endpoint;
                        otlp.Protocol = settings.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                    });
                }
            });
    }

    /// <summary>One Serilog event per request; the scoring endpoint adds model, version, arm and counts to it.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger, not the static one: the static logger stays the bootstrap logger (see AddObservability).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.000} ms";
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        return app;
    }
}
