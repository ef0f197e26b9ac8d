namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>How an experiment compares its arms (<c>Experiments:Experiments:&lt;name&gt;:Mode</c>).</summary>
public enum ExperimentMode
{
    /// <summary>Each enrolled unit is served by one arm, split by the arms' weights.</summary>
    AB,

    /// <summary>
    /// Each enrolled unit is served the team-draft interleaving of both arms' rankings on every request (exactly
    /// two arms; weights unused); clicks credit the team whose item was clicked.
    /// </summary>
    Interleaving,
}
