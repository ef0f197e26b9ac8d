using System.Text.Json;
using MmoeService.Contracts;
using MmoeService.Trainer.Tests.Training;

namespace MmoeService.Trainer.Tests.Export;

[Collection(TorchCollection.Name)]
public sealed class ManifestRoundTripTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("manifest-").FullName;

    [Fact]
    public void Manifest_WrittenAndRead_KeepsEveryField()
    {
        using var model = TinyModel.Train(ModelArchitecture.Mmoe, rows: 200, epochs: 1);
        var (manifest, onnx) = TrainedExport.Export(model, "round-trip", 3);
        var path = Path.Combine(_folder, "manifest.json");
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(manifest, ModelFiles.JsonOptions));

        var read = ModelFiles.ReadManifest(path);

        Assert.Equal(JsonSerializer.Serialize(manifest, ModelFiles.JsonOptions), JsonSerializer.Serialize(read, ModelFiles.JsonOptions));
        Assert.Equal(3, read.Version);
        Assert.Equal(["ctr", "satisfaction", "gates_ctr", "gates_satisfaction"], read.Outputs.Select(o => o.Name));
        Assert.Equal("gates_satisfaction", read.Tasks[1].GateOutput);
        Assert.Equal(3, read.Experts);
        Assert.Equal(2, read.Gates.Count);
        Assert.Equal(64, read.OnnxSha256.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)), read.OnnxSha256);
        Assert.Equal(17, read.OnnxOpset);
        Assert.Equal(model.Schema.Categorical[0].Vocabulary, read.Features.Categorical[0].Vocabulary);
        Assert.Equal(11, read.Seed);
    }

    [Fact]
    public void Manifest_SharedBottom_HasNoGates()
    {
        using var model = TinyModel.Train(ModelArchitecture.SharedBottom, rows: 200, epochs: 1);

        var (manifest, _) = TrainedExport.Export(model);

        Assert.Empty(manifest.Gates);
        Assert.All(manifest.Tasks, t => Assert.Null(t.GateOutput));
        Assert.Equal(0, manifest.Experts);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
