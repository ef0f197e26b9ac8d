using MmoeService.Contracts;
using MmoeService.Trainer.Tests.Export;
using MmoeService.Trainer.Tests.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MmoeService.Trainer.Tests.Contracts;

/// <summary>The signature the server checks a version by is the one the exporter writes into the graph.</summary>
[Collection(TorchCollection.Name)]
public sealed class ModelSignatureTests
{
    [Theory]
    [InlineData(ModelArchitecture.Mmoe)]
    [InlineData(ModelArchitecture.Omoe)]
    [InlineData(ModelArchitecture.SharedBottom)]
    public void FromManifest_ExportedGraph_HasExactlyTheseInputsAndOutputs(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 200, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model);

        var signature = ModelSignature.FromManifest(manifest);
        using var session = new InferenceSession(onnx);

        Assert.Equal(signature.Inputs.Select(Describe), session.InputNames.Select(n => Describe(n, session.InputMetadata[n])));
        Assert.Equal(signature.Outputs.Select(Describe), session.OutputNames.Select(n => Describe(n, session.OutputMetadata[n])));
    }

    [Fact]
    public void FromManifest_MmoeOfTwoTasks_ListsTaskOutputsThenGates()
    {
        using var model = TinyModel.Train(ModelArchitecture.Mmoe, rows: 200, epochs: 1);
        var (manifest, _) = TrainedExport.Export(model);

        var signature = ModelSignature.FromManifest(manifest);

        Assert.Equal(["numeric:float[-1,2]", "categorical:int64[-1,3]"], signature.Inputs.Select(Describe));
        Assert.Equal(["ctr:float[-1]", "satisfaction:float[-1]", "gates_ctr:float[-1,3]", "gates_satisfaction:float[-1,3]"], signature.Outputs.Select(Describe));
    }

    private static string Describe(TensorSpec spec) => $"{spec.Name}:{spec.ElementType}[{string.Join(',', spec.Shape)}]";

    private static string Describe(string name, NodeMetadata node)
    {
        var type = node.ElementDataType switch
        {
            TensorElementType.Float => TensorSpec.Float,
            TensorElementType.Int64 => TensorSpec.Int64,
            var other => other.ToString(),
        };
        return $"{name}:{type}[{string.Join(',', node.Dimensions)}]";
    }
}
