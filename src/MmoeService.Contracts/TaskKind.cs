namespace MmoeService.Contracts;

/// <summary>What a task head predicts. Serialised as its lower-case name.</summary>
public static class TaskKind
{
    /// <summary>A probability in [0, 1] from a sigmoid head, trained with binary cross-entropy.</summary>
    public const string Binary = "binary";

    /// <summary>An unbounded value from a linear head, trained with mean squared error.</summary>
    public const string Regression = "regression";
}
