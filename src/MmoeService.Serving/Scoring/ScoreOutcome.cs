namespace MmoeService.Serving.Scoring;

/// <summary>
/// The complete result of the scoring pipeline: what the caller gets (an answer or a problem) and what the
/// observers were told (<see cref="Request"/>).
/// </summary>
public abstract record ScoreOutcome(ScoredRequest Request)
{
    /// <summary>The request was scored.</summary>
    public sealed record Scored(ScoredRequest Request, ScoreResponse Response) : ScoreOutcome(Request);

    /// <summary>The request was refused; <see cref="Problem"/> says why.</summary>
    public sealed record Rejected(ScoredRequest Request, ScoreProblem Problem) : ScoreOutcome(Request);
}
