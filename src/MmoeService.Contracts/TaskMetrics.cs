namespace MmoeService.Contracts;

/// <summary>Offline metrics of one task on one split; binary tasks fill AUC and log-loss, regression RMSE and R².</summary>
/// <param name="Auc">Area under the ROC curve.</param>
/// <param name="LogLoss">Mean binary cross-entropy.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="R2">Coefficient of determination.</param>
/// <param name="PositiveRate">Share of positive labels (binary tasks).</param>
public sealed record TaskMetrics(double? Auc, double? LogLoss, double? Rmse, double? R2, double? PositiveRate);
