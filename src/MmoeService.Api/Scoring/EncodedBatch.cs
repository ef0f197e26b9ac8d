namespace MmoeService.Api.Scoring;

/// <summary>
/// The model inputs of one request, row-major, one row per candidate in request order. Arrays are exactly
/// <c>Rows × width</c> long because ONNX Runtime wraps them without copying.
/// </summary>
/// <param name="Rows">Candidates.</param>
/// <param name="Numeric">Standardised numeric features, Rows × NumericWidth.</param>
/// <param name="NumericWidth">Numeric features per row.</param>
/// <param name="Categorical">Embedding row indices, Rows × CategoricalWidth.</param>
/// <param name="CategoricalWidth">Categorical features per row.</param>
public sealed record EncodedBatch(int Rows, float[] Numeric, int NumericWidth, long[] Categorical, int CategoricalWidth);
