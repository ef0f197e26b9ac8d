using System.ComponentModel.DataAnnotations;

namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// The census-income study of Ma et al. §6.3 (section "Reproduction:Census"). Which files are read comes from
/// "Data:CensusIncome" (TrainFile, TestFile); the task group here overrides its Group per run.
/// The hyper-parameter search is bounded: <see cref="Trials"/> configurations drawn without replacement from
/// the grids below, each trained once and judged on the main task's validation AUC.
/// </summary>
public sealed class CensusStudyOptions
{
    public const string SectionName = "Census";

    /// <summary>Task groups: 1 = income + marital, 2 = education + marital.</summary>
    public string Groups { get; set; } = "1,2";

    /// <summary>Runs R per (model, group) with the chosen hyper-parameters; the paper ran 400.</summary>
    [Range(1, 10_000)]
    public int Runs { get; set; } = 20;

    /// <summary>Hyper-parameter configurations tried per (model, group).</summary>
    [Range(1, 1_000)]
    public int Trials { get; set; } = 5;

    /// <summary>Units of each MMoE/OMoE expert (one ReLU layer).</summary>
    public string ExpertUnits { get; set; } = "8,16,32,64";

    /// <summary>Expert counts for MMoE/OMoE.</summary>
    public string Experts { get; set; } = "4,8";

    /// <summary>Units of the Shared-Bottom bottom and of each single-task network's hidden layer.</summary>
    public string BottomUnits { get; set; } = "32,64,128,256";

    /// <summary>Units of each task tower's hidden layer.</summary>
    public string TowerUnits { get; set; } = "8";

    public string LearningRates { get; set; } = "3e-3,1e-2";

    /// <summary>Epochs at most; training stops earlier when the main task's validation AUC stalls for <see cref="Patience"/> epochs.</summary>
    [Range(1, 10_000)]
    public int Epochs { get; set; } = 100;

    [Range(0, 10_000)]
    public int Patience { get; set; } = 3;

    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 1024;

    /// <summary>
    /// Capacity matching (the paper compares models of equal size): MMoE, searched first, fixes the parameter
    /// budget; every other model's width (expert, bottom or single-task layer) is set to match it, up to 2,048 units.
    /// </summary>
    public bool MatchParameters { get; set; } = true;

    /// <summary>Train on at most this many training rows (0 = all); a knob for quick looks, off by default.</summary>
    [Range(0, 100_000_000)]
    public int MaxTrainRows { get; set; }

    [Required]
    public string Output { get; set; } = "docs/results/census-protocol";
}
