using System.ComponentModel.DataAnnotations;

namespace MmoeService.Trainer.Training;

/// <summary>Where a trained model goes (section "Output"): &lt;Repository&gt;/&lt;Name&gt;/&lt;Version&gt;/.</summary>
public sealed class OutputOptions
{
    public const string SectionName = "Output";

    /// <summary>Model repository root, Triton layout.</summary>
    [Required]
    public string Repository { get; set; } = "models";

    /// <summary>Model name (folder); null uses the architecture name.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]*$", ErrorMessage = "Output:Name may hold letters, digits, '.', '_' and '-' and must not start with a dot.")]
    public string? Name { get; set; }

    /// <summary>Version folder; null takes the next free number (1 for a new model).</summary>
    [Range(1, int.MaxValue)]
    public int? Version { get; set; }

    /// <summary>Replace an existing version folder instead of failing.</summary>
    public bool Overwrite { get; set; }
}
