using System.ComponentModel.DataAnnotations;

namespace MmoeService.ExperimentPlatform.Exposures;

/// <summary>The in-memory exposure queue between scoring and the store (section "Exposures").</summary>
public sealed class ExposureOptions
{
    public const string SectionName = "Exposures";

    /// <summary>Exposures held in memory while the store catches up; beyond it new ones are dropped and counted.</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
