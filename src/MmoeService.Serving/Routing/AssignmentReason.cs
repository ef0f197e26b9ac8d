using System.Text.Json.Serialization;

namespace MmoeService.Serving.Routing;

/// <summary>Why a request went to its arm; answered with every score and recorded with every exposure.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentReason>))]
public enum AssignmentReason
{
    /// <summary>No experiment claimed the request: the default model (or the model the route named) scored it.</summary>
    Default,

    /// <summary>The unit's hash bucket picked the arm.</summary>
    Hash,

    /// <summary>The experiment's override list forces this unit into the arm (QA).</summary>
    Override,

    /// <summary>The unit is outside the experiment's coverage and gets the control arm.</summary>
    NotEnrolled,

    /// <summary>The experiment is stopped; everyone gets the control arm.</summary>
    ExperimentStopped,
}
