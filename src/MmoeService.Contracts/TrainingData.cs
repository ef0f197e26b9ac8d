namespace MmoeService.Contracts;

/// <summary>Where the training data came from and how it was split.</summary>
/// <param name="Source">Data source name: <c>synthetic-recommendation</c>, <c>paper-synthetic</c>, <c>census-income</c> or <c>spec</c>.</param>
/// <param name="Description">Human-readable summary (files, generator settings).</param>
/// <param name="Parameters">Generator or loader settings that reproduce the data.</param>
/// <param name="TrainRows">Rows in the training split.</param>
/// <param name="ValidationRows">Rows in the validation split.</param>
/// <param name="TestRows">Rows in the test split.</param>
public sealed record TrainingData(
    string Source,
    string Description,
    IReadOnlyDictionary<string, string> Parameters,
    int TrainRows,
    int ValidationRows,
    int TestRows);
