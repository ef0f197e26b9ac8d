using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Serving.Scoring;

/// <summary>Wiring of the Scoring feature: options, body reader, scoring plans and the pipeline (its routes: <see cref="ScoringApi"/>).</summary>
public static class ScoringExtensions
{
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ScoringOptions, ScoringOptionsValidator>()
            .BindConfiguration(ScoringOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<ScoreRequestReader>();
        builder.Services.AddSingleton<ScoreTelemetry>();
        builder.Services.AddSingleton<ScoringPlans>();
        builder.Services.AddSingleton<InterleavedScoring>();
        builder.Services.AddSingleton<ScoringPipeline>();
        return builder;
    }
}
