using MmoeService.Serving.Scoring;

namespace MmoeService.ExperimentPlatform.Exposures;

/// <summary>Services of exposures: options, the queue scoring writes to and the observer that fills it.</summary>
public static class ExposuresExtensions
{
    public static IHostApplicationBuilder AddExposures(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ExposureOptions>()
            .BindConfiguration(ExposureOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<ExposureQueue>();
        builder.Services.AddSingleton<IScoringObserver, ExposureRecorder>();
        return builder;
    }
}
