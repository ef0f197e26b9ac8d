using System.ComponentModel.DataAnnotations;

namespace MmoeService.Trainer.Jobs;

/// <summary>Where a trained model goes (section "Output"): &lt;Repository&gt;/&lt;Name&gt;/&lt;Version&gt;/.</summary>
public sealed class OutputOptions
{
    public const string SectionName = "Output";

    /// <summary>
    /// Where <c>train</c> writes when <see cref="Repository"/> is not set: under the working directory, outside
    /// the source tree's committed <c>models/</c> (and ignored by git), so a run from the repository root can
    /// never overwrite or add to the models the API ships with.
    /// </summary>
    public const string DefaultRepository = "artifacts/models";

    /// <summary>
    /// Model repository root, Triton layout, relative to the working directory. Unset: <c>train</c> uses
    /// <see cref="DefaultRepository"/> and <c>defaults</c> the committed <see cref="DefaultModelsJob.CommittedRepository"/>.
    /// </summary>
    public string? Repository { get; set; }

    /// <summary>Model name (folder); null uses the architecture name.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]*$", ErrorMessage = "Output:Name may hold letters, digits, '.', '_' and '-' and must not start with a dot.")]
    public string? Name { get; set; }

    /// <summary>Version folder; null takes the next free number (1 for a new model).</summary>
    [Range(1, int.MaxValue)]
    public int? Version { get; set; }

    /// <summary>Replace an existing version folder instead of failing.</summary>
    public bool Overwrite { get; set; }
}
