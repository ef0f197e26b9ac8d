namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// One comparison read now: the estimate, the fixed-horizon interval and p-value (valid only at a pre-registered
/// horizon), the always-valid interval and p-value (valid at every look), and the minimum detectable effect of the
/// current sample under both.
/// </summary>
public sealed record SequentialReading(
    double Value,
    double StandardError,
    double Units,
    Interval FixedInterval,
    double FixedPValue,
    Interval AlwaysValidInterval,
    double AlwaysValidPValue,
    double FixedMinimumDetectableEffect,
    double AlwaysValidMinimumDetectableEffect);
