namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>One experiment (<c>Experiments:Experiments:&lt;name&gt;</c>): A/B or interleaving (<see cref="Mode"/>).</summary>
public sealed class ExperimentDefinition
{
    /// <summary>
    /// Mixed into both assignment hashes, so two experiments never split the same users the same way.
    /// Changing it reshuffles every unit: treat it as part of the experiment's identity.
    /// </summary>
    public string Salt { get; set; } = string.Empty;

    /// <summary>Name of the control arm (a key of <see cref="Arms"/>): it serves stopped and not-enrolled traffic.</summary>
    public string Control { get; set; } = string.Empty;

    /// <summary>Arms by name. Enrolled units are split by the arms' weights, taken in ordinal order of their names.</summary>
    public Dictionary<string, ArmDefinition> Arms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Percent of units enrolled, 0 to 100 (two decimals count: 0.25 enrols one bucket in 400).</summary>
    public double Coverage { get; set; } = 100;

    /// <summary>Unit (user) id to arm name, for QA; an override wins over the hash but not over <see cref="ExperimentStatus.Stopped"/>.</summary>
    public Dictionary<string, string> Overrides { get; set; } = new(StringComparer.Ordinal);

    public ExperimentStatus Status { get; set; } = ExperimentStatus.Running;

    /// <summary>Tuning and planned units of the always-valid and fixed-horizon readings.</summary>
    public SequentialDefinition Sequential { get; set; } = new();
    /// <summary>
    /// A/B (default) or interleaving. Either way enrolment is sticky per unit by the same hash; an interleaving
    /// experiment serves every enrolled unit both arms' interleaved rankings, so it needs exactly two arms.
    /// </summary>
    public ExperimentMode Mode { get; set; } = ExperimentMode.AB;
}
