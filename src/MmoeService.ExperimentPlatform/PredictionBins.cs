namespace MmoeService.ExperimentPlatform;

/// <summary>
/// Fixed bins of predicted probabilities on the logit scale, so small rates (a CTR of 1%) get as fine a resolution
/// as 50% does: <see cref="Count"/> bins of width <see cref="Width"/> over logit p in [-10, 10], the ends clamped.
/// A bin is 2% wide in odds, so an AUC over bins differs from the exact one only by pairs sharing a bin (counted ½).
/// Mergeable: two arms' or two stores' counts add.
/// </summary>
public static class PredictionBins
{
    public const int Count = 1000;
    public const double Width = 0.02;
    private const double LowestLogit = -10;

    public static int Of(double probability)
    {
        if (double.IsNaN(probability))
        {
            return 0;
        }

        var p = Math.Clamp(probability, 1e-12, 1 - 1e-12);
        var logit = Math.Log(p / (1 - p));
        return Math.Clamp((int)Math.Floor((logit - LowestLogit) / Width), 0, Count - 1);
    }
}
