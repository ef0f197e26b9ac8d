namespace MmoeService.ExperimentPlatform.Scorecards;

public sealed record UnitMoments(long Units, double SumY, double SumN, double SumYY, double SumNN, double SumYN); // per unit: y = positives, n = labeled impressions
