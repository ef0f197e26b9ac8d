using MmoeService.Contracts;
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

        var examples = ScoringExampleBuilder.Build(model.Predict, model.Data, new FeatureEncoder(model.Schema), manifest.Tasks);

        Assert.Equal(4, examples.Count);
        var all = examples.Select(e => e.Request.ToJsonString()).ToArray();
        Assert.Contains(all, json => json.Contains(ScoringExampleBuilder.UnseenPrefix, StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Request["context"]!.AsObject().Count < 2);
        Assert.All(examples, e => Assert.Equal(3, e.Request["candidates"]!.AsArray().Count));
        Assert.All(examples, e => Assert.Subset(new HashSet<string> { "age", "country" }, e.Request["context"]!.AsObject().Select(p => p.Key).ToHashSet()));
        Assert.All(examples, e => Assert.All(e.Request["candidates"]!.AsArray(), c =>
            Assert.Subset(new HashSet<string> { "category", "duration", "tag" }, c!["features"]!.AsObject().Select(p => p.Key).ToHashSet())));
    }

    [Theory]
    [InlineData(ModelArchitecture.Mmoe)]
    [InlineData(ModelArchitecture.SharedBottom)]
    public void Build_Expected_MatchesOnnxRuntimeOnTheRequestFeatures(string architecture)
    {
        using var model = TinyModel.Train(architecture, rows: 200, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model);

        var examples = ScoringExampleBuilder.Build(model.Predict, model.Data, new FeatureEncoder(model.Schema), manifest.Tasks);

        Assert.True(ExampleReplay.MaxError(onnx, manifest, examples) <= 1e-5f);
    }
}
