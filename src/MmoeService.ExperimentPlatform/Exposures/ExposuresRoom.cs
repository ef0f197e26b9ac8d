using MmoeService.Serving.Scoring;

namespace MmoeService.ExperimentPlatform.Exposures;

/// <summary>Wiring of the Exposures room: options and the queue scoring writes to.</summary>
public static class ExposuresRoom
{
    public static IHostApplicationBuilder AddExposures(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ExposureOptions>()
            .BindConfiguration(ExposureOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ExposureQueue>();
        builder.Services.AddSingleton<IScoringObserver, ExposureRecorder>();
        return builder;
    }
}
