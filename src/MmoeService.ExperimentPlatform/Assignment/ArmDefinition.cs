namespace MmoeService.ExperimentPlatform.Assignment;

/// <summary>One arm of an experiment (<c>Experiments:Experiments:&lt;name&gt;:Arms:&lt;arm&gt;</c>).</summary>
public sealed class ArmDefinition
{
    /// <summary>Model that scores the arm's requests; an enabled entry of <c>Models:Served</c>.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Percent of enrolled units; the weights of an experiment sum to 100.</summary>
    public int Weight { get; set; }
}
