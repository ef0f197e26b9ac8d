namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>How one task's predictions compare with its feedback in one arm.</summary>
/// <param name="MeanPredicted">Mean predicted probability (SumPredicted / PredictedCount of the store: its labeled impressions).</param>
/// <param name="Observed">The observed rate (positives / labeled impressions).</param>
/// <param name="Calibration">MeanPredicted / Observed: 1 is calibrated, above 1 over-predicts.</param>
/// <param name="Auc">Mann–Whitney AUC of the labeled sample; null without both classes.</param>
/// <param name="AucSample">Labeled predictions the AUC is computed on.</param>
public sealed record TaskCalibration(double? MeanPredicted, double? Observed, double? Calibration, double? Auc, int AucSample);
