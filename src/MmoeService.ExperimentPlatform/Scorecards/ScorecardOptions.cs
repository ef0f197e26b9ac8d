using System.ComponentModel.DataAnnotations;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Scorecard settings shared by every experiment (section "Scorecards").</summary>
public sealed class ScorecardOptions
{
    public const string SectionName = "Scorecards";

    public const double DefaultPower = 0.8;

    /// <summary>Power the minimum detectable effects are quoted at (0.8 is the usual plan).</summary>
    [Range(0.5, 0.99)]
    public double Power { get; set; } = DefaultPower;
}
