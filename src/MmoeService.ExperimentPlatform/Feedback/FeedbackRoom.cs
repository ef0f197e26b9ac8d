using Microsoft.Extensions.DependencyInjection.Extensions;
using MmoeService.ExperimentPlatform;

namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>Wiring of the Feedback room: options, the handler and <c>POST /feedback</c>. The store comes from the Storage room.</summary>
public static class FeedbackRoom
{
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FeedbackOptions>()
            .BindConfiguration(FeedbackOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<ExperimentMetrics>();
        builder.Services.AddSingleton<FeedbackHandler>();
        return builder;
    }

    public static RouteGroupBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var feedback = app.MapGroup("/").WithTags("Experiments");
        feedback.MapPost("/feedback", (HttpContext http, FeedbackHandler handler) => handler.HandleAsync(http))
            .WithName("Feedback")
            .WithSummary("Records what users did with the items a score answer showed.")
            .WithDescription(
                "Send one event per shown item: whether it was clicked and whether the click satisfied the user. 1 to Feedback:MaxEvents " +
                "events, written together; 202 once they are durably stored. requestId is the /score answer's requestId. A bad event makes the whole batch a 400 " +
                "naming each bad field by index (events[3].requestId). Feedback whose exposure is unknown is kept and counted as orphaned. " +
                "503 with Retry-After when the store cannot commit (nothing written; resend: writes are idempotent, the latest time wins).")
            .Accepts<FeedbackRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return feedback;
    }
}
