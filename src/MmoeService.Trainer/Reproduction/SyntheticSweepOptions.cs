using System.ComponentModel.DataAnnotations;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The converged synthetic sweep (section "Reproduction:Sweep", command <c>reproduce synthetic-sweep</c>):
/// all runs of one correlation train as one batched graph (<see cref="BatchedNetwork"/>) with early
/// stopping, after a batched learning-rate search on validation loss. The defaults are the scale of
/// docs/results/synthetic-google; docs/results/README.md gives the flags for the other presets.
/// </summary>
public sealed class SyntheticSweepOptions
{
    public const string SectionName = "Sweep";

    /// <summary>Generator constants: google, keras-mmoe, ml-paper-lab or ple (<see cref="SyntheticPreset"/>).</summary>
    [Required]
    public string Preset { get; set; } = SyntheticPreset.Google.Name;

    /// <summary>Standardise each task's labels with the training split's mean and std (per run).</summary>
    public bool Standardise { get; set; }

    public string Correlations { get; set; } = "0,0.1,0.5,0.9,1";

    /// <summary>Runs R per (model, p), each with fresh data and initialisation; all models share a run's data.</summary>
    [Range(2, 10_000)]
    public int Runs { get; set; } = 20;

    /// <summary>The paper's grid; the rate with the lowest mean validation loss over the tuning runs is used for (model, p).</summary>
    public string LearningRates { get; set; } = "1e-4,1e-3,1e-2";

    /// <summary>Tuning runs per learning rate (own data seeds, never reused as measured runs).</summary>
    [Range(1, 100)]
    public int TuningRuns { get; set; } = 1;

    /// <summary>Step budget of the tuning graphs; 0 = <see cref="MaxSteps"/>.</summary>
    [Range(0, 10_000_000)]
    public int TuningSteps { get; set; } = 2_000;

    [Range(1, 10_000_000)]
    public int MaxSteps { get; set; } = 50_000;

    [Range(1, 1_000_000)]
    public int EvaluateEvery { get; set; } = 1_000;

    /// <summary>Evaluations without improvement before a run stops.</summary>
    [Range(1, 10_000)]
    public int Patience { get; set; } = 5;

    [Range(1, 1_000_000)]
    public int CurveEvery { get; set; } = 250;

    [Range(2, 10_000_000)]
    public int TrainRows { get; set; } = 50_000;

    [Range(2, 10_000_000)]
    public int ValidationRows { get; set; } = 2_000;

    [Range(2, 10_000_000)]
    public int TestRows { get; set; } = 5_000;

    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Experts and their width, tower width of MMoE/OMoE (paper §5.1: 8 x 16, towers 8); Shared-Bottom's width is matched.</summary>
    [Range(1, 64)]
    public int Experts { get; set; } = 8;

    [Range(1, 4096)]
    public int ExpertUnits { get; set; } = 16;

    [Range(1, 4096)]
    public int TowerUnits { get; set; } = 8;

    /// <summary>Results folder; empty = docs/results/synthetic-{preset} (with "-standardised" when labels are).</summary>
    public string Output { get; set; } = string.Empty;

    public string OutputFolder => !string.IsNullOrWhiteSpace(Output)
        ? Output
        : $"docs/results/synthetic-{Preset.ToLowerInvariant()}{(Standardise ? "-standardised" : string.Empty)}";
}
