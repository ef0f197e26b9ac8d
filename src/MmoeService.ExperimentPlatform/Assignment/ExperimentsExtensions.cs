using Microsoft.Extensions.DependencyInjection.Extensions;
using MmoeService.Serving.Routing;
using MmoeService.ExperimentPlatform;

namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>Services of assignment: routing options, the holder of the last valid configuration, the A/B router.</summary>
public static class ExperimentsExtensions
{
    public static IHostApplicationBuilder AddExperiments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // No validators on the options pipeline: ExperimentConfiguration validates every load itself, so an invalid
        // reload is refused instead of making IOptionsMonitor throw (see its remarks).
        builder.Services.AddOptions<ExperimentOptions>().BindConfiguration(ExperimentOptions.SectionName);
        builder.Services.AddSingleton<ExperimentOptionsValidator>();
        builder.Services.AddSingleton<ExperimentConfiguration>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExperimentConfiguration>());
        builder.Services.AddSingleton<IModelRouter, ExperimentRouter>();
        return builder;
    }
}
