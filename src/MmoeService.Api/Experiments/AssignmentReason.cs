namespace MmoeService.Api.Experiments;

/// <summary>Why a request went to its arm.</summary>
public enum AssignmentReason
{
    /// <summary>No experiment claimed the request: it went to the default model.</summary>
    Default,

    /// <summary>Enrolled by the coverage hash and placed in an arm by the arm hash.</summary>
    Hash,

    /// <summary>Forced into an arm by the experiment's overrides (QA).</summary>
    Override,

    /// <summary>Outside the experiment's coverage: served by the control arm, not analysed.</summary>
    NotEnrolled,

    /// <summary>The experiment is stopped: everyone gets the control arm.</summary>
    ExperimentStopped,
}
