using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>A loaded, split, not yet encoded data set: what every data source produces.</summary>
/// <param name="Info">Provenance written into the manifest (row counts must match the splits).</param>
/// <param name="Features">Input columns; the order of values in every row.</param>
/// <param name="Tasks">Labels; the first is the main task (early stopping).</param>
/// <param name="Train">Training split; preprocessing is fitted on it alone.</param>
/// <param name="Validation">Validation split (early stopping, gate statistics).</param>
/// <param name="Test">Test split (reported metrics, examples.json).</param>
public sealed record RawDataset(
    TrainingData Info,
    IReadOnlyList<FeatureColumn> Features,
    IReadOnlyList<LabelColumn> Tasks,
    RawSplit Train,
    RawSplit Validation,
    RawSplit Test)
{
    public const string TrainSplit = "train";
    public const string ValidationSplit = "validation";
    public const string TestSplit = "test";
}
