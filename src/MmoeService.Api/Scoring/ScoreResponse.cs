namespace MmoeService.Api.Scoring;

/// <summary>The answer of <c>POST /score</c>.</summary>
/// <param name="RequestId">The request's <c>requestId</c>, or the one generated for it.</param>
/// <param name="Experiment">The A/B experiment that routed the request; null while every request goes to the default model.</param>
/// <param name="Arm">The experiment arm; the model name when no experiment routed the request.</param>
/// <param name="Model">The model version that scored the items.</param>
/// <param name="Items">Scored items, best <c>score</c> first, cut to <c>topK</c> when given.</param>
public sealed record ScoreResponse(string RequestId, string? Experiment, string Arm, ModelInfo Model, IReadOnlyList<ScoredItem> Items);
