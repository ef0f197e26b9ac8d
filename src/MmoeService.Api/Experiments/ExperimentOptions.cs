using System.ComponentModel.DataAnnotations;

namespace MmoeService.Api.Experiments;

/// <summary>
/// Request routing (section "Experiments"). For now every request goes to <see cref="DefaultModel"/>;
/// A/B experiments add their settings here later, read through <c>IOptionsMonitor</c>.
/// </summary>
public sealed class ExperimentOptions
{
    public const string SectionName = "Experiments";

    /// <summary>The model that scores requests no experiment claims; must be an enabled entry of <c>Models:Served</c>.</summary>
    [Required]
    public string DefaultModel { get; set; } = "mmoe";
}
