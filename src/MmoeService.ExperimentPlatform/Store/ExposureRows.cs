using System.Text.Json;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.Serving.Scoring;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>How an exposure maps onto the store's columns (shared by both providers' bulk inserts).</summary>
internal static class ExposureRows
{
    public static string Tasks(ExposureEvent exposure) => string.Join(',', exposure.Tasks);

    public static string? MeanGates(ExposureEvent exposure) =>
        exposure.MeanGates is null ? null : JsonSerializer.Serialize(exposure.MeanGates);

    public static string? ConcentratedShare(ExposureEvent exposure) =>
        exposure.ConcentratedShare is null ? null : JsonSerializer.Serialize(exposure.ConcentratedShare);

    /// <summary>The prediction of a named task for an item, or null when the model has no such task.</summary>
    public static double? Prediction(ExposureEvent exposure, ShownItem item, string task)
    {
        for (var t = 0; t < exposure.Tasks.Count && t < item.Predictions.Count; t++)
        {
            if (string.Equals(exposure.Tasks[t], task, StringComparison.Ordinal))
            {
                return item.Predictions[t];
            }
        }

        return null;
    }
}
