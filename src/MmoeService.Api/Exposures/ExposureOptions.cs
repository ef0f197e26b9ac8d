using System.ComponentModel.DataAnnotations;

namespace MmoeService.Api.Exposures;

public sealed class ExposureOptions
{
    public const string SectionName = "Exposures";

    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
