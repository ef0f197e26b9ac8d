using Xunit.Abstractions;
using MmoeService.Contracts;
using MmoeService.Trainer.Tests.Training;
using MmoeService.Trainer.Training;
using Microsoft.ML.OnnxRuntime;

namespace MmoeService.Trainer.Tests.Export;

[Collection(TorchCollection.Name)]
public sealed class CgcPleExportTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(ModelArchitecture.Cgc)]
    [InlineData(ModelArchitecture.Ple)]
    public void Export_TrainedNetwork_OnnxRuntimeMatchesTorchSharp(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 2000, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model);
        var split = TinyDataset.Encode(model.Data.Test, model.Schema);

        var expected = NetworkPredictor.Predict(model.Network, split, manifest.Tasks.Select(t => t.Kind).ToArray());
        var actual = OnnxParityTests.Run(onnx, split, manifest);

        for (var k = 0; k < manifest.Tasks.Count; k++)
        {
            var task = manifest.Tasks[k];
            AssertClose(expected.Outputs[k], actual[task.Output], task.Output);
            AssertClose(expected.Gates![k], actual[task.GateOutput!], task.GateOutput!);
        }
    }

    [Theory]
    [InlineData(ModelArchitecture.Cgc)]
    [InlineData(ModelArchitecture.Ple)]
    public void Export_GateOutputs_HaveTheManifestsPerTaskWidth(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 200, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model);

        using var session = new InferenceSession(onnx);

        // SmallOptions: 3 shared experts, 1 task-specific expert per task.
        Assert.Equal(4, manifest.GateWidth);
        Assert.All(manifest.Tasks, t => Assert.Equal(4, t.GateWidth));
        Assert.Equal(manifest.Outputs.Select(o => o.Name), session.OutputNames);
        foreach (var task in manifest.Tasks)
        {
            Assert.Equal([-1, 4], session.OutputMetadata[task.GateOutput!].Dimensions);
        }
    }

    [Fact]
    public void GateWidth_TasksDisagree_IsMinusOne()
    {
        using var model = TinyModel.Train(ModelArchitecture.Cgc, rows: 200, epochs: 1);
        var (manifest, _) = TrainedExport.Export(model);

        var mixed = manifest with { Tasks = [manifest.Tasks[0], manifest.Tasks[1] with { GateWidth = 7 }] };

        Assert.Equal(-1, mixed.GateWidth);
    }

    private void AssertClose(float[] expected, float[] actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"{name}: max |torch - onnx| = {worst:E2}");
        Assert.True(worst <= Tolerance, $"{name}: max |torch - onnx| = {worst}");
    }
}
