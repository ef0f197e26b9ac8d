namespace MmoeService.Contracts;

/// <summary>The multi-task network families the trainer builds and the API serves.</summary>
public static class ModelArchitecture
{
    /// <summary>Multi-gate Mixture-of-Experts: shared experts, one softmax gate per task (Ma et al., KDD 2018).</summary>
    public const string Mmoe = "mmoe";

    /// <summary>One-gate Mixture-of-Experts: the MMoE experts with a single gate shared by all tasks.</summary>
    public const string Omoe = "omoe";

    /// <summary>One shared bottom network feeding a tower per task; has no gates.</summary>
    public const string SharedBottom = "shared-bottom";

    /// <summary>
    /// Customized Gate Control (Tang et al., RecSys 2020): shared experts plus task-specific experts; each task's
    /// gate mixes its own and the shared experts.
    /// </summary>
    public const string Cgc = "cgc";

    /// <summary>
    /// Progressive Layered Extraction (Tang et al., RecSys 2020): stacked CGC levels; every level but the last also
    /// has a shared gate over all its experts that feeds the next level's shared experts.
    /// </summary>
    public const string Ple = "ple";

    /// <summary>Every architecture name, in the order they are usually reported.</summary>
    public static IReadOnlyList<string> All { get; } = [Mmoe, Omoe, SharedBottom, Cgc, Ple];

    /// <summary>True when the architecture has softmax gates and therefore exports <c>gates_&lt;task&gt;</c> outputs.</summary>
    public static bool HasGates(string architecture) => architecture is Mmoe or Omoe or Cgc or Ple;

    /// <summary>True for CGC and PLE, whose gates mix task-specific beside shared experts.</summary>
    public static bool HasTaskExperts(string architecture) => architecture is Cgc or Ple;
}
