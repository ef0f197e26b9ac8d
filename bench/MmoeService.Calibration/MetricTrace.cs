namespace MmoeService.Calibration;

/// <summary>
/// What one simulated experiment concluded for one metric. A "first … look" is the 0-based look at which that test
/// first declared a difference, null when it never did; coverage flags say whether the interval contained the true
/// lift (at the horizon for the fixed-horizon interval, at every look for the confidence sequences).
/// </summary>
public sealed class MetricTrace
{
    public int? FirstFixedRejection { get; set; }
    public bool FixedRejectsAtHorizon { get; set; }
    public bool FixedCoversAtHorizon { get; set; } = true;
    public int? FirstAlwaysValidRejection { get; set; }
    public bool AlwaysValidCoversEveryLook { get; set; } = true;
    public int? FirstCupedRejection { get; set; }
    public bool CupedFixedRejectsAtHorizon { get; set; }
    public bool CupedCoversEveryLook { get; set; } = true;
    public double? CupedVarianceReduction { get; set; }
    public int? FirstInterleavingRejection { get; set; }
    public bool InterleavingFixedRejectsAtHorizon { get; set; }
    public bool InterleavingMeanFixedRejectsAtHorizon { get; set; }
}
