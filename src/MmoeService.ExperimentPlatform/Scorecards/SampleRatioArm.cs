namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One arm in the sample-ratio test: configured share of enrolled units against the observed one.</summary>
public sealed record SampleRatioArm(string Arm, double Weight, long Units, double ExpectedShare, double? ObservedShare, double ExpectedUnits);
