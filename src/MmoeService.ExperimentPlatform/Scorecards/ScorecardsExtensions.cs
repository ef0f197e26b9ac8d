namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Services of the scorecards: the read side of experiments.</summary>
public static class ScorecardsExtensions
{
    public static IHostApplicationBuilder AddScorecards(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ScorecardOptions>()
            .BindConfiguration(ScorecardOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddSingleton<ExperimentCatalog>();
        return builder;
    }
}
