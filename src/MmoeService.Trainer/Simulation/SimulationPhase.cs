namespace MmoeService.Trainer.Simulation;

/// <summary>Which part of a simulated user's history a run plays (<c>Simulation:Phase</c>).</summary>
public enum SimulationPhase
{
    /// <summary>The experiment: <c>RequestsPerUser</c> visits per user, the scorecard read every <c>LookEvery</c> users and at the end.</summary>
    Experiment,

    /// <summary>
    /// The users' history before the experiment: <c>PrePeriodRequests</c> visits per user, plain <c>/score</c> and
    /// <c>/feedback</c> calls, made while the experiment does not route yet (no <c>Experiments:Active</c>, or another
    /// experiment), so the store counts them as each unit's pre-period. Same people and same tastes as the experiment
    /// phase, other visits: behaviour before and during the experiment is correlated as it is for real users.
    /// </summary>
    PrePeriod,
}
