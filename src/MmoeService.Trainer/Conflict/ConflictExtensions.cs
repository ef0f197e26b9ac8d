using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Conflict;

/// <summary>Wiring of the conflict study: its options, their validation and the job.</summary>
public static class ConflictExtensions
{
    public const string Command = "conflict-study";

    public static IHostApplicationBuilder AddConflictStudy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ConflictStudyOptions>()
            .BindConfiguration(ConflictStudyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ConflictStudyOptions>, ConflictStudyOptionsValidator>();
        builder.Services.AddSingleton<ConflictStudyJob>();
        return builder;
    }
}
