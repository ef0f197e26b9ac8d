using System.Globalization;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Training;

/// <summary>Offline metrics on plain arrays: AUC and log-loss for binary tasks, RMSE and R² for regression.</summary>
public static class MetricsCalculator
{
    // Clamp probabilities so a confident miss costs a large but finite log-loss.
    private const double Epsilon = 1e-7;

    /// <summary>
    /// Metrics of one task; <paramref name="predictions"/> are probabilities (binary) or values (regression).
    /// A metric the labels do not allow (AUC of one class, R² of constant labels) is null with its reason, never NaN,
    /// so the manifest says why instead of carrying a "NaN" string.
    /// </summary>
    public static TaskMetrics ForTask(string kind, ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        switch (kind)
        {
            case TaskKind.Binary:
                var auc = Auc(predictions, labels);
                var positiveRate = PositiveRate(labels);
                return new TaskMetrics(Finite(auc), LogLoss(predictions, labels), null, null, positiveRate,
                    double.IsNaN(auc) ? Reason("auc", string.Create(CultureInfo.InvariantCulture,
                        $"only one class is present: all {labels.Length} labels are {(positiveRate > 0.5 ? 1 : 0)}")) : null);
            case TaskKind.Regression:
                var r2 = R2(predictions, labels);
                return new TaskMetrics(null, null, Rmse(predictions, labels), Finite(r2), null,
                    double.IsNaN(r2) ? Reason("r2", string.Create(CultureInfo.InvariantCulture,
                        $"the labels are constant: all {labels.Length} are {labels[0]}")) : null);
            default:
                throw new ArgumentException($"Unknown task kind '{kind}'.", nameof(kind));
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static Dictionary<string, string> Reason(string metric, string reason) => new(StringComparer.Ordinal) { [metric] = reason };

    /// <summary>
    /// Area under the ROC curve via the rank-sum (Mann-Whitney U) form, with tied scores sharing their
    /// average rank. NaN when only one class is present.
    /// </summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        CheckLengths(scores, labels);
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positives = 0, positiveRankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            var averageRank = (start + end) / 2.0 + 1.0;
            for (var i = start; i <= end; i++)
            {
                if (labels[order[i]] > 0.5f)
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            start = end + 1;
        }

        var negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }

    /// <summary>Mean binary cross-entropy of probabilities.</summary>
    public static double LogLoss(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
    {
        CheckLengths(probabilities, labels);
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            sum -= labels[i] * Math.Log(p) + (1 - labels[i]) * Math.Log(1 - p);
        }

        return sum / probabilities.Length;
    }

    public static double Rmse(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels) => Math.Sqrt(MeanSquaredError(predictions, labels));

    public static double MeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        CheckLengths(predictions, labels);
        double sum = 0;
        for (var i = 0; i < predictions.Length; i++)
        {
            var d = (double)predictions[i] - labels[i];
            sum += d * d;
        }

        return sum / predictions.Length;
    }

    /// <summary>1 - SSE/SST; NaN when the labels are constant.</summary>
    public static double R2(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        CheckLengths(predictions, labels);
        double mean = 0;
        foreach (var y in labels)
        {
            mean += y;
        }

        mean /= labels.Length;
        double total = 0, residual = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            total += (labels[i] - mean) * (labels[i] - mean);
            residual += ((double)labels[i] - predictions[i]) * ((double)labels[i] - predictions[i]);
        }

        return total == 0 ? double.NaN : 1 - residual / total;
    }

    public static double PositiveRate(ReadOnlySpan<float> labels)
    {
        double positives = 0;
        foreach (var y in labels)
        {
            positives += y > 0.5f ? 1 : 0;
        }

        return labels.Length == 0 ? double.NaN : positives / labels.Length;
    }

    /// <summary>The main-task number early stopping follows, oriented so that larger is better.</summary>
    public static double StoppingScore(string kind, TaskMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return kind == TaskKind.Binary ? metrics.Auc ?? double.NaN : -(metrics.Rmse ?? double.NaN);
    }

    private static void CheckLengths(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        if (predictions.Length != labels.Length || predictions.Length == 0)
        {
            throw new ArgumentException($"Need equally many predictions and labels, at least one; got {predictions.Length} and {labels.Length}.");
        }
    }
}
