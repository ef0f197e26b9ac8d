namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>
/// One outcome as sent; every field nullable so a missing one is reported by name rather than defaulted. Either
/// <see cref="Outcomes"/> names tasks directly, or the boolean fields are mapped to tasks by <c>Feedback:Fields</c>.
/// </summary>
public sealed class FeedbackEventBody
{
    /// <summary>The <c>requestId</c> of the <c>/score</c> answer that showed the item (required, at most 128 characters).</summary>
    public string? RequestId { get; set; }

    /// <summary>The shown item (required, at most 256 characters).</summary>
    public string? ItemId { get; set; }

    /// <summary>Outcome per task name, 0 or 1 (e.g. <c>{ "click": 1, "purchase": 0 }</c>); not combined with the boolean fields.</summary>
    public Dictionary<string, int>? Outcomes { get; set; }

    /// <summary>Whether the user clicked the item; mapped to a task by <c>Feedback:Fields:clicked</c>.</summary>
    public bool? Clicked { get; set; }

    /// <summary>Whether the click satisfied the user; mapped by <c>Feedback:Fields:satisfied</c> (by default it requires clicked).</summary>
    public bool? Satisfied { get; set; }

    /// <summary>When it happened (ISO 8601 with offset); default: when the service received it. The latest event per request and item wins.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>The boolean fields by their JSON name, as <c>Feedback:Fields</c> names them.</summary>
    internal IReadOnlyDictionary<string, bool?> NamedFields() => new Dictionary<string, bool?>(StringComparer.Ordinal)
    {
        ["clicked"] = Clicked,
        ["satisfied"] = Satisfied,
    };

    /// <summary>The boolean fields an event may send.</summary>
    internal static IReadOnlyList<string> FieldNames { get; } = ["clicked", "satisfied"];
}
