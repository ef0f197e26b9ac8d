using Microsoft.Extensions.Options;

namespace MmoeService.Api.Shutdown;

/// <summary>
/// Wiring of the Shutdown feature: the drain timeout as the host's shutdown timeout, the draining state readiness
/// reads, and the coordinator. Call it after every feature that registers a hosted service the stop must outlast
/// (the exposure writer): hosted services stop in reverse order of registration.
/// </summary>
public static class ShutdownExtensions
{
    public static IHostApplicationBuilder AddShutdown(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ShutdownOptions, ShutdownOptionsValidator>()
            .BindConfiguration(ShutdownOptions.SectionName);
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.DrainTimeout);
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddHostedService<ShutdownCoordinator>();
        return builder;
    }
}
