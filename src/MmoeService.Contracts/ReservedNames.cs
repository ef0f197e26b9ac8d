namespace MmoeService.Contracts;

/// <summary>
/// Names a task cannot take, compared ignoring case: a scored item is a JSON object with <c>itemId</c>,
/// one field per task, <c>score</c> and <c>gates</c>, so a task of one of these names would overwrite another
/// field. The trainer refuses to train such a task; the server refuses to load a manifest that has one.
/// </summary>
public static class ReservedNames
{
    /// <summary>The reserved task names.</summary>
    public static IReadOnlySet<string> Tasks { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "itemId", "score", "gates" };

    /// <summary>True when <paramref name="task"/> is one of <see cref="Tasks"/>, in any case.</summary>
    public static bool IsReservedTask(string task) => Tasks.Contains(task);

    /// <summary>The reserved names for an error message, e.g. <c>itemId, score, gates</c>.</summary>
    public static string Describe() => string.Join(", ", Tasks);
}
