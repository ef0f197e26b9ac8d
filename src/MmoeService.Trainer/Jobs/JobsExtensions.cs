using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Jobs;

/// <summary>
/// Wiring of the Jobs feature: the commands that train and then export. Jobs are the one place that uses both
/// Training and Export, so neither of those rooms refers to the other.
/// </summary>
public static class JobsExtensions
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<OutputOptions>()
            .BindConfiguration(OutputOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<TrainingJob>();
        builder.Services.AddSingleton<DefaultModelsJob>();
        builder.Services.AddSingleton<ConflictDefaultModelsJob>();
        builder.Services.AddOptionsWithValidateOnStart<SimulationOptions>()
            .BindConfiguration(SimulationOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<SimulationJob>();
        return builder;
    }
}
