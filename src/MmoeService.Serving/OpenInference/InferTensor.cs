namespace MmoeService.Serving.OpenInference;

/// <summary>
/// One input tensor of an Open Inference call, whichever wire it came over: one feature for every candidate,
/// as numbers (NaN is missing) or texts (an empty text is missing).
/// </summary>
public sealed record InferInput(string Name, string Datatype, long[] Shape, double[]? Numbers, string[]? Texts)
{
    public int Length => Numbers?.Length ?? Texts?.Length ?? 0;
}

/// <summary>One output tensor: a graph output in request order, FP32, row-major.</summary>
public sealed record InferOutput(string Name, long[] Shape, float[] Data);

/// <summary>The answer of a model infer call.</summary>
public sealed record InferAnswer(string ModelName, string ModelVersion, string? Id, IReadOnlyList<InferOutput> Outputs);

/// <summary>The metadata of one tensor (<c>datatype</c> as the protocol names it; -1 for the candidate dimension).</summary>
public sealed record TensorMetadata(string Name, string Datatype, long[] Shape);

/// <summary>Model metadata: inputs named after the manifest's features, outputs after the graph's outputs.</summary>
public sealed record ModelMetadata(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs);
