namespace MmoeService.Calibration;

/// <summary>One user's traits and pre-period history (null for a new user).</summary>
public sealed record SimulatedUnit(double ClickProbability, double SatisfactionProbability, double RequestRate, int? PrePeriodClicks, int? PrePeriodSatisfied);
