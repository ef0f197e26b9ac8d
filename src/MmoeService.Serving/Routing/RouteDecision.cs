namespace MmoeService.Serving.Routing;

/// <summary>Which model scores a request, and under which experiment and arm it is reported.</summary>
/// <param name="Model">Model name to score with.</param>
/// <param name="Experiment">Experiment name, or null when no experiment routed the request.</param>
/// <param name="Arm">Experiment arm; the model name when <paramref name="Experiment"/> is null.</param>
/// <param name="Enrolled">True when the unit counts in the experiment's analysis (hash-assigned or overridden).</param>
/// <param name="Reason">Why the request went to this arm.</param>
/// <param name="Interleaving">Set when both arms' models rank the request and the answer interleaves them (an
/// interleaving experiment); <paramref name="Model"/> is then the control's and <paramref name="Arm"/> is
/// <see cref="InterleavedArms.ArmName"/>. Null for a single-model route.</param>
public sealed record RouteDecision(string Model, string? Experiment, string Arm, bool Enrolled, AssignmentReason Reason, InterleavedArms? Interleaving = null)
{
    /// <summary>A decision outside any experiment: the arm is the model itself.</summary>
    public static RouteDecision Direct(string model) => new(model, null, model, Enrolled: false, AssignmentReason.Default);
}
