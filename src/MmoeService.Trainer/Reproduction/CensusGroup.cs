namespace MmoeService.Trainer.Reproduction;

/// <summary>What one task group's data looked like: the split used (said in the output), the label rates and the
/// Pearson correlation of the two labels on the test rows (the paper quotes 0.1768 for group 1, 0.2373 for group 2).</summary>
public sealed record CensusGroup(
    int Group,
    string MainTask,
    string AuxTask,
    string Description,
    int TrainRows,
    int ValidationRows,
    int TestRows,
    double MainPositiveRate,
    double AuxPositiveRate,
    double LabelCorrelation,
    int InputWidth);
