namespace MmoeService.Api.Scoring;

/// <summary>The result of the scoring pipeline: either ranked items or the reason there are none.</summary>
public abstract record ScoreOutcome
{
    private ScoreOutcome()
    {
    }

    /// <summary>The request was scored.</summary>
    public sealed record Scored(ScoreResponse Response) : ScoreOutcome;

    /// <summary>The request was refused; <see cref="Problem"/> says why.</summary>
    public sealed record Rejected(ScoreProblem Problem) : ScoreOutcome;
}
