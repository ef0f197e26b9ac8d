namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>
/// How the scorecard reads an experiment over time (<c>Experiments:Experiments:&lt;name&gt;:Sequential</c>).
/// Always-valid intervals are the default and need no plan; <see cref="PlannedUnits"/> pre-registers the horizon at
/// which the fixed-horizon reading becomes the verdict.
/// </summary>
public sealed class SequentialDefinition
{
    /// <summary>GrowthBook's default tuning sample size (Eppo uses 10,000).</summary>
    public const int DefaultTuningUnits = 5_000;

    /// <summary>
    /// Units (both arms of a comparison) at which the confidence sequence is tightest (N* of Howard et al. 2021 §3.5).
    /// Any positive value keeps the guarantee; near the expected sample size gives the narrowest interval there.
    /// </summary>
    public int TuningUnits { get; set; } = DefaultTuningUnits;

    /// <summary>
    /// Enrolled units (all arms) the experiment is planned to run to. Until they are reached the dashboard shows a
    /// banner and its verdicts come from the always-valid reading; from then on, from the fixed-horizon one. Null: no
    /// horizon is planned and the fixed-horizon reading never decides.
    /// </summary>
    public int? PlannedUnits { get; set; }
}
