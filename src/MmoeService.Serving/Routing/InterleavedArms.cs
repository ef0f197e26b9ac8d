namespace MmoeService.Serving.Routing;

/// <summary>
/// The two arms of an interleaving experiment: the request is ranked by both models and the answer is their
/// team-draft interleaving, each item tagged with the arm (team) that contributed it.
/// </summary>
/// <param name="ControlArm">The control arm's name.</param>
/// <param name="ControlModel">The model that ranks for the control team.</param>
/// <param name="TreatmentArm">The treatment arm's name.</param>
/// <param name="TreatmentModel">The model that ranks for the treatment team.</param>
public sealed record InterleavedArms(string ControlArm, string ControlModel, string TreatmentArm, string TreatmentModel)
{
    /// <summary>
    /// The arm name an interleaved request is reported under: its answer mixes both arms' rankings, so it belongs to
    /// neither. An interleaving experiment may not name an arm so.
    /// </summary>
    public const string ArmName = "interleaved";
}
