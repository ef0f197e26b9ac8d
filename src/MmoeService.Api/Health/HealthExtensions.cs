namespace MmoeService.Api.Health;

/// <summary>Services of the Health feature: the checks behind the probes of <see cref="HealthApi"/>.</summary>
public static class HealthExtensions
{
    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    internal const string Ready = "ready";

    /// <summary>Tag of the checks behind <c>/health/startup</c>.</summary>
    internal const string Startup = "startup";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck<ModelsReadyHealthCheck>("models", tags: [Ready])
            .AddCheck<DrainingHealthCheck>("shutdown", tags: [Ready])
            .AddCheck<StoreHealthCheck>("store", tags: [Ready])
            .AddCheck<StartupHealthCheck>("startup", tags: [Startup]);
        return builder;
    }
}
