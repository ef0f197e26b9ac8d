namespace MmoeService.Serving.Inference;

/// <summary>What one inference run returns, copied out of ONNX Runtime's buffers so they can be released at once.</summary>
/// <param name="Rows">Rows scored.</param>
/// <param name="Tasks">Per task (manifest order), one output per row.</param>
/// <param name="Gates">Per task, Rows × Experts gate weights (row-major); null when not requested or the model has none.</param>
/// <param name="Experts">Experts per gate row.</param>
public sealed record InferenceResult(int Rows, IReadOnlyList<float[]> Tasks, IReadOnlyList<float[]>? Gates, int Experts);
