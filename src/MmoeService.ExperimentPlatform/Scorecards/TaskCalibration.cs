namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>How one task's predictions compare with its feedback in one arm.</summary>
/// <param name="MeanPredicted">Mean predicted probability over the labeled impressions with a prediction (exact).</param>
/// <param name="Observed">The observed rate (positives / labeled impressions).</param>
/// <param name="Calibration">MeanPredicted / Observed: 1 is calibrated, above 1 over-predicts.</param>
/// <param name="Auc">Mann–Whitney AUC over every labeled prediction in fixed logit bins (pairs sharing a bin count ½); null without both classes.</param>
/// <param name="AucSample">Labeled predictions the AUC is computed on.</param>
public sealed record TaskCalibration(double? MeanPredicted, double? Observed, double? Calibration, double? Auc, long AucSample);
