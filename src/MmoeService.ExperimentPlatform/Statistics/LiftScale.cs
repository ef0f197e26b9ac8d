namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>Whether a comparison reads treatment - control or treatment / control - 1.</summary>
public enum LiftScale
{
    Absolute,
    Relative,
}
