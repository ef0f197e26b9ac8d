namespace MmoeService.ExperimentPlatform;

/// <summary>
/// Fixed log-scale bins of request latency: bin b holds [<see cref="Lower"/>(b), Lower(b + 1)), each
/// <see cref="Growth"/> times the one before, from <see cref="Floor"/> ms (bin 0 also holds everything below) to
/// about 2 minutes (the last bin holds everything above). A percentile read from the bins is within ±2.5% of the exact
/// one. Mergeable: counts add.
/// </summary>
public static class LatencyBins
{
    public const int Count = 400;
    public const double Growth = 1.05;
    public const double Floor = 0.01;

    public static int Of(double milliseconds) =>
        milliseconds <= Floor || double.IsNaN(milliseconds)
            ? 0
            : Math.Min(Count - 1, (int)Math.Floor(Math.Log(milliseconds / Floor) / Math.Log(Growth)));

    public static double Lower(int bin) => Floor * Math.Pow(Growth, bin);

    /// <summary>The value reported for a bin: its geometric middle.</summary>
    public static double Middle(int bin) => Floor * Math.Pow(Growth, bin + 0.5);
}
