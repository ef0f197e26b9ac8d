using System.Text.Json.Nodes;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Tests.Training;

namespace MmoeService.Trainer.Tests.Export;

[Collection(TorchCollection.Name)]
public sealed class ScoringExampleBuilderTests
{
    [Fact]
    public void Build_Examples_CoverMissingAndUnseenValues()
    {
        using var model = TinyModel.Train(ModelArchitecture.Mmoe, rows: 200, epochs: 1);
        var (manifest, _) = TrainedExport.Export(model);

        var examples = ScoringExampleBuilder.Build(model.Network, model.Data, new FeatureEncoder(model.Schema), manifest.Tasks);

        Assert.Equal(4, examples.Count);
        var all = examples.Select(e => e.Request.ToJsonString()).ToArray();
        Assert.Contains(all, json => json.Contains(ScoringExampleBuilder.UnseenPrefix, StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Request["context"]!.AsObject().Count < 2);
        Assert.All(examples, e => Assert.Equal(3, e.Request["candidates"]!.AsArray().Count));
        Assert.All(examples, e => Assert.Subset(new HashSet<string> { "age", "country" }, e.Request["context"]!.AsObject().Select(p => p.Key).ToHashSet()));
        Assert.All(examples, e => Assert.All(e.Request["candidates"]!.AsArray(), c =>
            Assert.Subset(new HashSet<string> { "category", "duration", "tag" }, c!["features"]!.AsObject().Select(p => p.Key).ToHashSet())));
    }

    [Fact]
    public void Build_Expected_MatchesOnnxRuntimeOnTheRequestFeatures()
    {
        using var model = TinyModel.Train(ModelArchitecture.Mmoe, rows: 200, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model);
        var encoder = new FeatureEncoder(model.Schema);

        var examples = ScoringExampleBuilder.Build(model.Network, model.Data, encoder, manifest.Tasks);

        foreach (var example in examples)
        {
            var context = example.Request["context"]!.AsObject();
            var candidates = example.Request["candidates"]!.AsArray().Select(c => c!.AsObject()).ToArray();
            var numeric = new float[candidates.Length * encoder.NumericWidth];
            var categorical = new long[candidates.Length * encoder.CategoricalWidth];
            for (var c = 0; c < candidates.Length; c++)
            {
                var features = candidates[c]["features"]!.AsObject();
                encoder.EncodeRow(
                    name => ToValue(features[name] ?? context[name]),
                    numeric.AsSpan(c * encoder.NumericWidth, encoder.NumericWidth),
                    categorical.AsSpan(c * encoder.CategoricalWidth, encoder.CategoricalWidth));
            }

            var outputs = OnnxParityTests.Run(onnx, new EncodedSplit(candidates.Length, numeric, categorical, [], encoder.NumericWidth, encoder.CategoricalWidth), manifest);
            for (var c = 0; c < candidates.Length; c++)
            {
                var expected = example.Expected[candidates[c]["itemId"]!.GetValue<string>()];
                Assert.Equal(expected["ctr"].GetValue<float>(), outputs["ctr"][c], 1e-5f);
                var gates = expected["gates_satisfaction"].AsArray().Select(g => g!.GetValue<float>()).ToArray();
                Assert.Equal(gates, outputs["gates_satisfaction"].AsSpan(c * 3, 3).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
            }
        }
    }

    private static FeatureValue ToValue(JsonNode? node) => node?.GetValueKind() switch
    {
        null => FeatureValue.Missing,
        System.Text.Json.JsonValueKind.Number => FeatureValue.FromNumber(node.GetValue<double>()),
        _ => FeatureValue.FromText(node.GetValue<string>()),
    };
}
