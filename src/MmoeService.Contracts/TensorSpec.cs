namespace MmoeService.Contracts;

/// <summary>Name, element type and shape of one graph input or output; -1 marks the dynamic batch dimension.</summary>
/// <param name="Name">ONNX value name.</param>
/// <param name="ElementType"><c>float</c> or <c>int64</c>.</param>
/// <param name="Shape">Dimensions; the first is -1 (batch).</param>
public sealed record TensorSpec(string Name, string ElementType, IReadOnlyList<long> Shape)
{
    /// <summary>Element type of 32-bit float tensors.</summary>
    public const string Float = "float";

    /// <summary>Element type of 64-bit integer tensors.</summary>
    public const string Int64 = "int64";

    /// <summary>The size written for the dynamic batch dimension.</summary>
    public const long BatchDimension = -1;
}
