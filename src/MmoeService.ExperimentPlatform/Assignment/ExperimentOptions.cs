namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>
/// Request routing (section "Experiments"): the default model, the experiment definitions and which experiment
/// routes <c>POST /score</c>. The only options the service rereads while running (see <see cref="ExperimentConfiguration"/>,
/// which refuses an invalid change and keeps the last valid one).
/// </summary>
public sealed class ExperimentOptions
{
    public const string SectionName = "Experiments";

    /// <summary>The model that scores requests no experiment claims; must be an enabled entry of <c>Models:Served</c>.</summary>
    public string DefaultModel { get; set; } = "mmoe";

    /// <summary>
    /// Name of the experiment that routes <c>POST /score</c> (a key of <see cref="Experiments"/>); empty sends every
    /// request to <see cref="DefaultModel"/>. Exactly one experiment routes a request, so units are never split
    /// between two concurrent experiments.
    /// </summary>
    public string? Active { get; set; }

    /// <summary>Experiment definitions by name (<c>Experiments:Experiments:&lt;name&gt;</c>).</summary>
    public Dictionary<string, ExperimentDefinition> Experiments { get; set; } = new(StringComparer.Ordinal);
}
