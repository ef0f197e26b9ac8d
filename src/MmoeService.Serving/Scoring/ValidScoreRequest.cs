using MmoeService.Contracts;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// A <see cref="ScoreRequest"/> that passed the model-independent checks: nothing is null any more, the request
/// has an id, and the candidates are split into their item ids and features (parallel lists, request order).
/// </summary>
/// <param name="UserId">Who the ranking is for; only ever logged or stored as a keyed hash.</param>
/// <param name="RequestId">The caller's id, or a generated one.</param>
/// <param name="Context">Features shared by every candidate (empty when none).</param>
/// <param name="ItemIds">Unique item ids, request order.</param>
/// <param name="CandidateFeatures">Each candidate's own features (null for none), request order.</param>
/// <param name="TopK">Items to return; null for all.</param>
/// <param name="IncludeGates">Return gate weights per item.</param>
public sealed record ValidScoreRequest(
    string UserId,
    string RequestId,
    IReadOnlyDictionary<string, FeatureValue> Context,
    IReadOnlyList<string> ItemIds,
    IReadOnlyList<IReadOnlyDictionary<string, FeatureValue>?> CandidateFeatures,
    int? TopK,
    bool IncludeGates);
