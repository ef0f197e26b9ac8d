namespace MmoeService.Trainer.Modeling;

/// <summary>Network outputs for every row of a split, as the ONNX graph gives them.</summary>
/// <param name="Outputs">Per task: probabilities (binary, after the sigmoid) or values (regression), one per row.</param>
/// <param name="Gates">Per task: row-major [rows, experts] gate weights; null for Shared-Bottom.</param>
/// <param name="Experts">Gate width; 0 for Shared-Bottom.</param>
public sealed record SplitPredictions(float[][] Outputs, float[][]? Gates, int Experts);
