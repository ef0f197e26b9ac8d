using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>Services of feedback: options, the field-to-task mapping and the handler. The store comes from AddStorage.</summary>
public static class FeedbackExtensions
{
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<FeedbackOptions>()
            .BindConfiguration(FeedbackOptions.SectionName)
            .ValidateDataAnnotations();
        builder.Services.AddOptionsWithValidateOnStart<OutcomeFieldOptions, OutcomeFieldOptionsValidator>()
            .BindConfiguration(OutcomeFieldOptions.SectionName);
        builder.Services.AddSingleton<FeedbackHandler>();
        return builder;
    }
}
