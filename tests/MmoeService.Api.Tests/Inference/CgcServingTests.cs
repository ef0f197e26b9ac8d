using System.Net;
using System.Text.Json.Nodes;
using MmoeService.Contracts;

namespace MmoeService.Api.Tests.Inference;

/// <summary>A CGC model (gates over its own and the shared experts) loads and scores like MMoE, with gate widths from its manifest.</summary>
[Trait("Kind", "Integration")]
public sealed class CgcServingTests : IDisposable
{
    private const string Model = "cgc-conflict";

    private readonly TempRepository _repository = TempRepository.CopyOfCommitted();

    public void Dispose() => _repository.Dispose();

    private MmoeApiFactory Factory() => new(_repository.Root, new Dictionary<string, string?> { [$"Models:Served:{Model}:Version"] = "latest" });

    [Fact]
    public async Task Score_CommittedCgcModel_MatchesItsExamplesWithGatesOfTheManifestWidth()
    {
        await using var factory = Factory();
        using var client = await factory.StartAsync();
        var folder = Path.Combine(RepositoryPaths.CommittedModels, Model, "1");
        var manifest = ModelFiles.ReadManifest(Path.Combine(folder, ModelFiles.Manifest));
        var example = ModelFiles.ReadExamples(Path.Combine(folder, ModelFiles.Examples))[0];

        using var response = await client.PostScoreAsync(example.Request, $"/models/{Model}/score");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadObjectAsync();
        Assert.Equal(ModelArchitecture.Cgc, (string)answer["model"]!["architecture"]!);
        var items = answer["items"]!.AsArray().ToDictionary(i => (string)i!["itemId"]!, i => i!.AsObject());
        foreach (var (itemId, outputs) in example.Expected)
        {
            foreach (var task in manifest.Tasks)
            {
                Assert.Equal((double)outputs[task.Output], (double)items[itemId][task.Name]!, 1e-5);
                var gate = items[itemId]["gates"]![task.Name]!.AsArray();
                Assert.Equal(manifest.GateWidthOf(task), gate.Count);
                Assert.Equal(1.0, gate.Sum(w => (double)w!), 1e-5);
            }
        }
    }

    [Fact]
    public async Task Load_CgcManifestWithDisagreeingGateWidths_IsRefused()
    {
        _repository.AddVersion(Model, 1, 2, (manifest, _) => manifest["tasks"]![1]!["gateWidth"] = 5);
        await using var factory = Factory();
        using var client = await factory.StartAsync();

        var status = await client.GetFromJsonNodeAsync("/models");

        var entry = status.AsArray().First(m => (string)m!["name"]! == Model)!;
        Assert.Equal(2, (int)entry["lastLoadError"]!["version"]!);
        Assert.Contains("gate widths", (string)entry["lastLoadError"]!["message"]!, StringComparison.Ordinal);
    }
}
