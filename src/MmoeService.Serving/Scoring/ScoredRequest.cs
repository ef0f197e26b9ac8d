using MmoeService.Serving.Routing;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// One scoring request as the pipeline finished it, whatever the outcome: the one thing observers (telemetry, the
/// experiment platform's exposure log) are told. Carries the keyed hash of the user id only, never the raw id or any
/// feature value. Fields the request never reached are null or empty (a body that could not be parsed has no route).
/// </summary>
/// <param name="RequestId">The request's id (echoed or generated); null when the body could not be read.</param>
/// <param name="UnitHash">Keyed hash of the user id (<see cref="Observability.UserIdHasher"/>).</param>
/// <param name="Candidates">Candidates the request asked to score.</param>
/// <param name="Route">Which model, experiment and arm; null when the request was refused before routing.</param>
/// <param name="Routed">True when the router chose the model (<c>/score</c>); false when the caller named it.</param>
/// <param name="ModelVersion">The version that scored (or was to score) it; null before a version was leased.</param>
/// <param name="Tasks">Task names in output order: the order of <see cref="ShownItem.Predictions"/> and of the gate summary.</param>
/// <param name="Items">Returned items, best first; empty unless scored.</param>
/// <param name="Gates">Per-task gate summary over every scored candidate; null without gates.</param>
/// <param name="Status">200, or the problem status the request ended with.</param>
/// <param name="Latency">Time from the start of the pipeline to its outcome.</param>
/// <param name="Time">When the outcome was reached.</param>
public sealed record ScoredRequest(
    string? RequestId,
    string? UnitHash,
    int Candidates,
    RouteDecision? Route,
    bool Routed,
    int? ModelVersion,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<ShownItem> Items,
    GateSummary? Gates,
    int Status,
    TimeSpan Latency,
    DateTimeOffset Time);
