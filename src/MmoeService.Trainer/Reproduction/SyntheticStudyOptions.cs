using System.ComponentModel.DataAnnotations;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The synthetic study of Ma et al. §5 (section "Reproduction:Synthetic"). The data itself (d, c, sine terms,
/// noise) comes from "Data:PaperSynthetic"; the row counts and correlations here override it per run.
/// </summary>
public sealed class SyntheticStudyOptions
{
    public const string SectionName = "Synthetic";

    /// <summary>Task correlations p to sweep.</summary>
    public string Correlations { get; set; } = "0.5,0.9,1.0";

    /// <summary>Runs R per (model, p), each with fresh data and a fresh initialisation. The paper ran 200.</summary>
    [Range(1, 10_000)]
    public int Runs { get; set; } = 16;

    /// <summary>Adam learning rates tried per (model, p); the one with the lowest validation loss is used for every run.</summary>
    public string LearningRates { get; set; } = "1e-4,1e-3,1e-2";

    /// <summary>Runs (own seeds, not reused later) averaged per learning rate when choosing it.</summary>
    [Range(1, 100)]
    public int TuningRuns { get; set; } = 1;

    /// <summary>
    /// Training rows per run. 50,000 rows for 2,000 steps keep training and test loss close; with 10,000 rows the
    /// networks memorise the high-frequency sine terms (docs/results/synthetic-10k-rows shows that regime).
    /// </summary>
    [Range(2, 10_000_000)]
    public int TrainRows { get; set; } = 50_000;

    [Range(2, 10_000_000)]
    public int ValidationRows { get; set; } = 1_000;

    [Range(2, 10_000_000)]
    public int TestRows { get; set; } = 2_000;

    [Range(1, 10_000)]
    public int Epochs { get; set; } = 4;

    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Moving-average window (steps) of the loss curves in the charts; the CSV keeps the raw means.</summary>
    [Range(1, 100_000)]
    public int CurveSmoothing { get; set; } = 25;

    [Required]
    public string Output { get; set; } = "docs/results/synthetic";
}
