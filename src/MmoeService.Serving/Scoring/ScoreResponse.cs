using MmoeService.Serving.Routing;

namespace MmoeService.Serving.Scoring;

// ScoreResponseWriter writes this answer; its summaries are the OpenAPI document's.

/// <summary>The answer of <c>POST /score</c>.</summary>
/// <param name="RequestId">The request's <c>requestId</c>, or the one generated for it.</param>
/// <param name="Experiment">The experiment that routed the request; null when no experiment did.</param>
/// <param name="Arm">The experiment arm; the model name when no experiment routed the request; "interleaved" when an interleaving experiment answered with both arms' rankings (each item's team names its arm).</param>
/// <param name="Enrolled">True when the user counts in the experiment's analysis.</param>
/// <param name="AssignmentReason">Why the request went to this arm: Default, Hash, Override, NotEnrolled or ExperimentStopped.</param>
/// <param name="Model">The model version that scored the items; for an interleaved answer, the control arm's (both models scored every candidate).</param>
/// <param name="Items">Scored items, best <c>score</c> first, cut to <c>topK</c> when given.</param>
public sealed record ScoreResponse(
    string RequestId,
    string? Experiment,
    string Arm,
    bool Enrolled,
    AssignmentReason AssignmentReason,
    ModelInfo Model,
    IAnswerItems Items);
