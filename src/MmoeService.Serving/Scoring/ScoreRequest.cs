using MmoeService.Contracts;

namespace MmoeService.Serving.Scoring;

// The documented shape of the body (its summaries are the OpenAPI document's): ScoreRequestReader reads the body
// straight into a ScoreInput, never into this class.

/// <summary>The body of <c>POST /score</c>: one user, one context, the candidates to rank.</summary>
public sealed class ScoreRequest
{
    /// <summary>Who the ranking is for. Required; used for routing and logged only as a keyed hash.</summary>
    /// <example>u-1842</example>
    public string? UserId { get; set; }

    /// <summary>Caller's id for this request, echoed in the answer and the log; generated when absent (at most 128 characters).</summary>
    /// <example>req-7f3a</example>
    public string? RequestId { get; set; }

    /// <summary>
    /// Features that apply to every candidate (user and moment), by feature name: a number, a string or null
    /// (missing). Names come from the model's manifest (see <c>GET /models</c>); a name may appear here or in
    /// a candidate, never both.
    /// </summary>
    public Dictionary<string, FeatureValue>? Context { get; set; }

    /// <summary>The items to score: 1 to <c>Scoring:MaxCandidates</c> (default 1000), each with a unique <c>itemId</c>.</summary>
    public List<ScoreCandidate?>? Candidates { get; set; }

    /// <summary>Return only the best <c>topK</c> items (at least 1); all items when absent.</summary>
    /// <example>50</example>
    public int? TopK { get; set; }

    /// <summary>Include each task's gate weights over the experts per item (MMoE/OMoE; always null for Shared-Bottom).</summary>
    /// <example>true</example>
    public bool IncludeGates { get; set; }
}
