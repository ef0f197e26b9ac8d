namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>Which arm's ranking contributed an interleaved item.</summary>
public enum Team
{
    Control,
    Treatment,
}
