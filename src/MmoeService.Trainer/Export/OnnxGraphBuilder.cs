using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace MmoeService.Trainer.Export;

/// <summary>
/// Accumulates nodes, initializers, inputs and outputs of one ONNX graph. Trained weights become
/// initializers under their TorchSharp state_dict names, so the graph reads like the checkpoint.
/// Node and value names are generated in call order, which keeps the bytes deterministic.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private const string BatchDimension = "batch";
    private readonly IReadOnlyDictionary<string, Tensor> _weights;
    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);
    private int _nodes;

    public OnnxGraphBuilder(string name, IReadOnlyDictionary<string, Tensor> weights)
    {
        _graph.Name = name;
        _weights = weights;
    }

    /// <summary>Declares a graph input [batch, width].</summary>
    public string Input(string name, TensorProto.Types.DataType type, long width)
    {
        _graph.Input.Add(ValueInfo(name, type, [width]));
        return name;
    }

    /// <summary>Declares a graph output; <paramref name="trailing"/> are the dimensions after the batch one.</summary>
    public void Output(string name, TensorProto.Types.DataType type, IReadOnlyList<long> trailing) =>
        _graph.Output.Add(ValueInfo(name, type, trailing));

    /// <summary>Adds the trained tensor <paramref name="name"/> once and returns its value name.</summary>
    public string Weight(string name)
    {
        if (_initializers.Add(name))
        {
            if (!_weights.TryGetValue(name, out var tensor))
            {
                throw new InvalidOperationException($"The network has no weight '{name}'; available: {string.Join(", ", _weights.Keys)}.");
            }

            // detach, cpu and contiguous may each make a new tensor; the scope disposes every one of them.
            using var scope = NewDisposeScope();
            var cpu = tensor.detach().cpu().contiguous();
            var values = cpu.data<float>().ToArray();
            var proto = new TensorProto
            {
                Name = name,
                DataType = (int)TensorProto.Types.DataType.Float,
                RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
            };
            proto.Dims.AddRange(cpu.shape);
            _graph.Initializer.Add(proto);
        }

        return name;
    }

    /// <summary>An int64 constant: a scalar when <paramref name="scalar"/>, otherwise a 1-D tensor.</summary>
    public string Int64Constant(string name, long[] values, bool scalar = false)
    {
        if (_initializers.Add(name))
        {
            var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
            if (!scalar)
            {
                proto.Dims.Add(values.Length);
            }

            proto.Int64Data.AddRange(values);
            _graph.Initializer.Add(proto);
        }

        return name;
    }

    public string Node(string op, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{_nodes++}" };
        node.Input.AddRange(inputs);
        output ??= node.Name;
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>y = x Wᵀ + b, the ONNX form of a TorchSharp Linear ([out, in] weight).</summary>
    public string Linear(string input, string weightPrefix, bool hasBias = true, string? output = null)
    {
        string[] inputs = hasBias
            ? [input, Weight($"{weightPrefix}.weight"), Weight($"{weightPrefix}.bias")]
            : [input, Weight($"{weightPrefix}.weight")];
        return Node("Gemm", inputs, output, IntAttribute("transB", 1));
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public ModelProto ToModel(int opset, string producer, string docString)
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = producer,
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return model;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, IReadOnlyList<long> trailing)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var size in trailing)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
