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

    /// <summary>Every architecture name, in the order they are usually reported.</summary>
    public static IReadOnlyList<string> All { get; } = [Mmoe, Omoe, SharedBottom];

    /// <summary>True when the architecture has softmax gates and therefore exports <c>gates_&lt;task&gt;</c> outputs.</summary>
    public static bool HasGates(string architecture) => architecture is Mmoe or Omoe;
}
