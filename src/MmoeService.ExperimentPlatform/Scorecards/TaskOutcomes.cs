namespace MmoeService.ExperimentPlatform.Scorecards;

public sealed record TaskOutcomes(long Positives, long Labeled, double SumPredicted, long PredictedCount);
