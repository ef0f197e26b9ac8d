using MmoeService.Serving.Routing;
using MmoeService.Serving.Scoring;

namespace MmoeService.ExperimentPlatform;

/// <summary>
/// What one routed <c>POST /score</c> showed to whom: the unit of analysis of the A/B experiments. Carries the
/// keyed hash of the user id only, never the raw id or any feature value.
/// </summary>
/// <param name="RequestId">The request's id; feedback refers to it.</param>
/// <param name="Experiment">Experiment that routed the request, or null.</param>
/// <param name="Arm">Arm (the model name outside experiments).</param>
/// <param name="Enrolled">True when the unit counts in the experiment's analysis.</param>
/// <param name="Reason">Why the request went to the arm.</param>
/// <param name="UnitHash">Keyed hash of the user id (<c>UserIdHasher</c>).</param>
/// <param name="Model">Model that scored (or was to score) the request.</param>
/// <param name="ModelVersion">Its version; null when the request failed before a version was leased.</param>
/// <param name="Tasks">Task names, the order of <see cref="ShownItem.Predictions"/> and <paramref name="MeanGates"/>.</param>
/// <param name="Items">Returned items, best first; empty when the request failed.</param>
/// <param name="MeanGates">Per task, the mean gate weight per expert over the request's scored candidates; null without gates.</param>
/// <param name="ConcentratedShare">Per task, the share of the request's scored candidates whose largest gate weight
/// exceeds <see cref="Serving.Scoring.GateSummary.ConcentratedAbove"/> (one expert decides alone); null without gates.</param>
/// <param name="Candidates">Candidates the request scored (the weight of <paramref name="ConcentratedShare"/> in an arm's share).</param>
/// <param name="StatusCode">200, or the problem status of a routed request that failed.</param>
/// <param name="LatencyMs">Time spent scoring, from validation to the ranked answer.</param>
/// <param name="Time">When the request was scored.</param>
public sealed record ExposureEvent(
    string RequestId,
    string? Experiment,
    string Arm,
    bool Enrolled,
    AssignmentReason Reason,
    string UnitHash,
    string Model,
    int? ModelVersion,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<ShownItem> Items,
    IReadOnlyList<float[]>? MeanGates,
    IReadOnlyList<float>? ConcentratedShare,
    int Candidates,
    int StatusCode,
    double LatencyMs,
    DateTimeOffset Time);
