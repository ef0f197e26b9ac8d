using Microsoft.Extensions.Options;

namespace MmoeService.Api.Experiments;

/// <summary>Wiring of the Experiments room: routing options and the router.</summary>
public static class ExperimentsRoom
{
    public static IHostApplicationBuilder AddExperiments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ExperimentOptions>()
            .BindConfiguration(ExperimentOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExperimentOptions>, ExperimentOptionsValidator>();
        builder.Services.AddSingleton<IModelRouter, DefaultModelRouter>();
        return builder;
    }
}
