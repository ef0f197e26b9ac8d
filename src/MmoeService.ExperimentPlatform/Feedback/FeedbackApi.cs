namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>The <c>POST /feedback</c> endpoint.</summary>
public static class FeedbackApi
{
    public static RouteGroupBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var feedback = app.MapGroup("/").WithTags("Experiments");
        feedback.MapPost("/feedback", (HttpContext http, FeedbackHandler handler) => handler.HandleAsync(http))
            .WithName("Feedback")
            .WithSummary("Records what users did with the items a score answer showed.")
            .WithDescription(
                "Send one event per shown item with its outcome per task (outcomes: { task: 0 or 1 }). 1 to Feedback:MaxEvents " +
                "events, written together; 202 once they are durably stored. Instead of outcomes an event may send the boolean fields (clicked, satisfied) that " +
                "Feedback:Fields maps to tasks. requestId is the /score answer's requestId. A bad event makes the whole batch a 400 " +
                "naming each bad field by index (events[3].requestId). Feedback whose exposure is unknown is kept, counted as orphaned, " +
                "and counted in the scorecard once the exposure arrives. " +
                "503 with Retry-After when the store cannot commit (nothing written; resend: writes are idempotent, the latest time wins).")
            .Accepts<FeedbackRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return feedback;
    }
}
