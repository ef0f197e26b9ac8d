using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Experiments;

/// <summary>Wiring of the Experiments room (paper reproduction): options and validation, the runners and the two jobs.</summary>
public static class ExperimentRoom
{
    public const string SyntheticCommand = "experiment synthetic";
    public const string CensusCommand = "experiment census";

    public static IHostApplicationBuilder AddExperiments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ExperimentOptions>()
            .BindConfiguration(ExperimentOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExperimentOptions>, ExperimentOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunTrainer>();
        builder.Services.AddSingleton<SyntheticExperiment>();
        builder.Services.AddSingleton<CensusExperiment>();
        builder.Services.AddSingleton<SyntheticExperimentJob>();
        builder.Services.AddSingleton<CensusExperimentJob>();
        return builder;
    }
}
