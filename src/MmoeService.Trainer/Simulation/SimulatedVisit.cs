using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Simulation;

/// <summary>One page view of a simulated user: who, when, and which candidates the service is asked to rank.</summary>
/// <param name="User">Index of the simulated user.</param>
/// <param name="Request">Index of the visit among the user's requests.</param>
/// <param name="UserId">The experiment unit sent as <c>userId</c>.</param>
/// <param name="RequestId">Deterministic request id, so a replay with the same seed sends the same ids.</param>
/// <param name="Persona">The world user whose features and hidden taste the unit has.</param>
/// <param name="Context">The moment of the visit.</param>
/// <param name="Candidates">Items to rank, in the order sent.</param>
public sealed record SimulatedVisit(
    int User,
    int Request,
    string UserId,
    string RequestId,
    RecommendationUser Persona,
    RecommendationContext Context,
    IReadOnlyList<RecommendationItem> Candidates)
{
    /// <summary>True for a visit of the user's history before the experiment (<see cref="SimulationPhase.PrePeriod"/>).</summary>
    public bool PrePeriod { get; init; }
}
