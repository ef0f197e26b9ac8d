namespace MmoeService.Trainer.Data;

/// <summary>
/// Settings of the synthetic content-recommendation world (section "Data:SyntheticRecommendation").
/// docs/data.md describes the generative process these knobs feed.
/// </summary>
public sealed class SyntheticRecommendationOptions
{
    public const string SectionName = "SyntheticRecommendation";

    /// <summary>The original world: both tasks share one affinity term and differ by the §3.2 task term.</summary>
    public const string DefaultPreset = "default";

    /// <summary>
    /// The world whose tasks conflict: short, popular, flashy items draw clicks, long niche items satisfy, and how
    /// far satisfaction follows clicks or opposes them depends on <see cref="TaskCorrelation"/> and the user's segment.
    /// </summary>
    public const string ConflictPreset = "conflict";

    /// <summary><see cref="DefaultPreset"/> or <see cref="ConflictPreset"/>.</summary>
    public string Preset { get; set; } = DefaultPreset;

    /// <summary>
    /// Conflict preset only: logit weight of the bait/depth term (short, popular, flashy versus long, niche),
    /// about unit variance before weighting.
    /// </summary>
    public double ConflictWeight { get; set; } = 1.0;

    /// <summary>Impressions generated (all splits together).</summary>
    public int Impressions { get; set; } = 200_000;

    public int Users { get; set; } = 10_000;

    public int Items { get; set; } = 2_000;

    /// <summary>Width of the user taste and item latent vectors.</summary>
    public int LatentDimension { get; set; } = 8;

    /// <summary>
    /// Cosine between the click and the satisfaction task weight vectors (paper §3.2's p): 1 makes the
    /// task-specific parts identical, 0 unrelated; the shared affinity term keeps the tasks related either way.
    /// In the conflict preset it also sets how satisfaction treats bait: at 1 it rewards what draws clicks, at 0
    /// it rewards the opposite (long, niche items), weighted by the user's segment; below 0 more so.
    /// </summary>
    public double TaskCorrelation { get; set; } = 0.5;

    /// <summary>Sine terms m in each task's non-linear part, sin(i·r + (i-1)²) for i = 1..m.</summary>
    public int SinTerms { get; set; } = 2;

    /// <summary>Target mean click probability over shown impressions (the click bias is calibrated to it).</summary>
    public double ClickRate { get; set; } = 0.07;

    /// <summary>
    /// Target mean of P(satisfied | click) over shown impressions (the satisfaction bias is calibrated to it).
    /// The realised share among clicks is higher, and grows with <see cref="TaskCorrelation"/>.
    /// </summary>
    public double SatisfactionGivenClick { get; set; } = 0.4;

    public double TrainFraction { get; set; } = 0.8;

    public double ValidationFraction { get; set; } = 0.1;
}
