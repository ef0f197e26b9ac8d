using Xunit.Abstractions;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Tests.Training;
using MmoeService.Trainer.Training;
using Microsoft.ML.OnnxRuntime;

namespace MmoeService.Trainer.Tests.Export;

[Collection(TorchCollection.Name)]
public sealed class OnnxParityTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(ModelArchitecture.Mmoe, false)]
    [InlineData(ModelArchitecture.Omoe, false)]
    [InlineData(ModelArchitecture.SharedBottom, false)]
    [InlineData(ModelArchitecture.Mmoe, true)]
    public void Export_TrainedNetwork_OnnxRuntimeMatchesTorchSharp(string architecture, bool regression)
    {
        using var model = TinyModel.Train(architecture, rows: 4000, epochs: 1, regression: regression);
        var (manifest, onnx) = TrainedExport.Export(model);
        // The test split holds categories training never saw (cat-8, cat-9) and 5% missing values.
        var split = TinyDataset.Encode(model.Data.Test, model.Schema);
        Assert.True(split.Rows >= 1000);
        Assert.Contains(Enumerable.Range(0, split.Rows), r => split.Categorical[r * split.CategoricalWidth + 1] == CategoricalFeature.UnseenIndex);
        Assert.Contains(Enumerable.Range(0, split.Rows), r => split.Categorical[r * split.CategoricalWidth] == CategoricalFeature.MissingIndex);

        var expected = NetworkPredictor.Predict(model.Network, split, manifest.Tasks.Select(t => t.Kind).ToArray());
        var actual = Run(onnx, split, manifest);

        for (var k = 0; k < manifest.Tasks.Count; k++)
        {
            var task = manifest.Tasks[k];
            AssertClose(expected.Outputs[k], actual[task.Output], task.Output, split.Rows);
            if (task.GateOutput is not null)
            {
                AssertClose(expected.Gates![k], actual[task.GateOutput], task.GateOutput, split.Rows);
            }
        }
    }

    [Theory]
    [InlineData(ModelArchitecture.Mmoe)]
    [InlineData(ModelArchitecture.Omoe)]
    public void Export_GateOutputs_SumToOnePerRow(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 200, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model);
        var split = TinyDataset.Encode(model.Data.Test, model.Schema);

        var outputs = Run(onnx, split, manifest);

        foreach (var task in manifest.Tasks)
        {
            var gates = outputs[task.GateOutput!];
            for (var r = 0; r < split.Rows; r++)
            {
                Assert.Equal(1f, gates.AsSpan(r * manifest.Experts, manifest.Experts).ToArray().Sum(), 1e-5f);
            }
        }
    }

    [Theory]
    [InlineData(ModelArchitecture.Mmoe)]
    [InlineData(ModelArchitecture.SharedBottom)]
    public void Export_GraphSignature_MatchesManifest(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 200, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model);

        using var session = new InferenceSession(onnx);

        Assert.Equal(manifest.Inputs.Select(i => i.Name), session.InputNames);
        Assert.Equal(manifest.Outputs.Select(o => o.Name), session.OutputNames);
        foreach (var spec in manifest.Inputs.Concat(manifest.Outputs))
        {
            var metadata = session.InputMetadata.TryGetValue(spec.Name, out var input) ? input : session.OutputMetadata[spec.Name];
            Assert.Equal(spec.Shape.Select(d => (int)d), metadata.Dimensions);
        }

        Assert.Equal(ModelArchitecture.HasGates(architecture) ? 4 : 2, session.OutputNames.Count);
    }

    internal static Dictionary<string, float[]> Run(byte[] onnx, EncodedSplit split, ModelManifest manifest)
    {
        using var options = new SessionOptions();
        options.IntraOpNumThreads = 1;
        using var session = new InferenceSession(onnx, options);
        using var numeric = OrtValue.CreateTensorValueFromMemory(split.Numeric, [split.Rows, split.NumericWidth]);
        using var categorical = OrtValue.CreateTensorValueFromMemory(split.Categorical, [split.Rows, split.CategoricalWidth]);
        using var runOptions = new RunOptions();
        var names = manifest.Outputs.Select(o => o.Name).ToArray();
        using var results = session.Run(runOptions, [FeatureSchema.NumericInput, FeatureSchema.CategoricalInput], [numeric, categorical], names);
        return names.Select((name, i) => (name, results[i].GetTensorDataAsSpan<float>().ToArray())).ToDictionary(p => p.name, p => p.Item2);
    }

    private void AssertClose(float[] expected, float[] actual, string name, int rows)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"{name}: {rows} rows, max |torch - onnx| = {worst:E2}");
        Assert.True(worst <= Tolerance, $"{name}: max |torch - onnx| = {worst}");
    }
}
