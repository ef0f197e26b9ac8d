namespace MmoeService.Contracts;

/// <summary>
/// Offline metrics of one task on one split; binary tasks fill AUC and log-loss, regression RMSE and R².
/// A metric that applies to the task but cannot be computed on the split (AUC when only one class is present,
/// R² when the labels are constant) is null, never NaN, and <see cref="Unavailable"/> says why.
/// </summary>
/// <param name="Auc">Area under the ROC curve.</param>
/// <param name="LogLoss">Mean binary cross-entropy.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="R2">Coefficient of determination.</param>
/// <param name="PositiveRate">Share of positive labels (binary tasks).</param>
/// <param name="Unavailable">
/// Metric name as written in JSON (<c>auc</c>, <c>r2</c>, ...) to the reason it is null although the task kind has it;
/// null when every metric of the kind was computed. Manifests written before this field read as null.
/// </param>
public sealed record TaskMetrics(
    double? Auc,
    double? LogLoss,
    double? Rmse,
    double? R2,
    double? PositiveRate,
    IReadOnlyDictionary<string, string>? Unavailable = null);
