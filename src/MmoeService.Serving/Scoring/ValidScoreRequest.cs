using MmoeService.Contracts;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// A <see cref="ScoreInput"/> that passed the model-independent checks: it has a user and a request id, 1 to
/// MaxCandidates candidates with unique, non-empty item ids, and a topK of at least 1 when given.
/// </summary>
/// <param name="UserId">Who the ranking is for; only ever logged or stored as a keyed hash.</param>
/// <param name="RequestId">The caller's id, or a generated one.</param>
/// <param name="Input">The request's columns (owned by the caller).</param>
public sealed record ValidScoreRequest(string UserId, string RequestId, ScoreInput Input)
{
    /// <summary>Features shared by every candidate (null for none).</summary>
    public FeatureDictionary? Context => Input.Context;

    /// <summary>Unique item ids, request order.</summary>
    public ItemIdTable ItemIds => Input.ItemIds!;

    /// <summary>Candidates to score.</summary>
    public int Count => Input.Count;

    /// <summary>Items to return; null for all.</summary>
    public int? TopK => Input.TopK;

    /// <summary>Return gate weights per item.</summary>
    public bool IncludeGates => Input.IncludeGates;
}
