using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MmoeService.Trainer.Conflict;

/// <summary>Wiring of the conflict study: its options, their validation and the job.</summary>
public static class ConflictExtensions
{
    public const string Command = "conflict-study";

    public static IHostApplicationBuilder AddConflictStudy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ConflictStudyOptions, ConflictStudyOptionsValidator>()
            .BindConfiguration(ConflictStudyOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddKeyedSingleton<ITrainerJob, ConflictStudyJob>(Command);
        return builder;
    }
}
