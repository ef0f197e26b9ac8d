using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Jobs;

/// <summary>
/// Wiring of the Jobs feature: the commands that train and then export. Jobs are the one place
/// that uses both Training and Export, so neither of those features refers to the other.
/// </summary>
public static class JobsExtensions
{
    public const string TrainCommand = "train";
    public const string DefaultsCommand = "defaults";
    public const string ConflictDefaultsCommand = "defaults conflict";

    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<OutputOptions>()
            .BindConfiguration(OutputOptions.SectionName)
            .ValidateDataAnnotations();
        // The defaults commands train through the same job, so it is also registered as itself.
        builder.Services.AddSingleton<TrainingJob>();
        builder.Services.AddKeyedSingleton<ITrainerJob>(TrainCommand, (services, _) => services.GetRequiredService<TrainingJob>());
        builder.Services.AddKeyedSingleton<ITrainerJob, DefaultModelsJob>(DefaultsCommand);
        builder.Services.AddKeyedSingleton<ITrainerJob, ConflictDefaultModelsJob>(ConflictDefaultsCommand);

        return builder;
    }
}
