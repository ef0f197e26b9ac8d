using System.ComponentModel.DataAnnotations;

namespace MmoeService.ExperimentPlatform;

/// <summary>
/// The one mapping from feedback's named boolean fields (<c>clicked</c>, <c>satisfied</c>) to model tasks (section
/// "Feedback", key "Fields"): appsettings.json maps each field to a task, so the platform's code names no task. Feedback
/// that names tasks directly (<c>outcomes</c>) needs no mapping. The store uses the same mapping once, to migrate
/// feedback written before tasks had names.
/// </summary>
public sealed class OutcomeFieldOptions
{
    public const string SectionName = "Feedback";

    public Dictionary<string, OutcomeField> Fields { get; } = new(StringComparer.Ordinal);
}

/// <summary>One feedback field: the task it reports, whether an event must send it, and a field it implies.</summary>
public sealed class OutcomeField
{
    /// <summary>Task whose outcome the field is (1 when true).</summary>
    [Required]
    public string Task { get; set; } = string.Empty;

    /// <summary>An event without this field is refused; otherwise a missing field counts as false.</summary>
    public bool Required { get; set; }

    /// <summary>Another field that must be true when this one is (a satisfied click is a click).</summary>
    public string? Requires { get; set; }
}
