using Xunit.Abstractions;
using MmoeService.Contracts;
using Microsoft.ML.OnnxRuntime;

namespace MmoeService.Trainer.Tests.Export;

/// <summary>Checks the committed models/ the API serves: intact, small, and replaying their own examples.</summary>
public sealed class DefaultModelsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new() { "mmoe", "shared-bottom" };

    [Theory]
    [MemberData(nameof(Models))]
    public void CommittedModel_FilesAgreeWithManifest(string name)
    {
        var folder = VersionFolder(name);
        var onnx = File.ReadAllBytes(Path.Combine(folder, ModelFiles.Onnx));
        var manifest = ModelFiles.ReadManifest(Path.Combine(folder, ModelFiles.Manifest));

        Assert.Equal(name, manifest.Name);
        Assert.Equal(1, manifest.Version);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)), manifest.OnnxSha256);
        Assert.Equal(["ctr", "satisfaction"], manifest.Tasks.Select(t => t.Name));
        Assert.True(onnx.Length < 5 * 1024 * 1024);
        using var session = new InferenceSession(onnx);
        Assert.Equal(manifest.Inputs.Select(i => i.Name), session.InputNames);
        Assert.Equal(manifest.Outputs.Select(o => o.Name), session.OutputNames);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void CommittedModel_ExamplesReplayInOnnxRuntime(string name)
    {
        var folder = VersionFolder(name);
        var onnx = File.ReadAllBytes(Path.Combine(folder, ModelFiles.Onnx));
        var manifest = ModelFiles.ReadManifest(Path.Combine(folder, ModelFiles.Manifest));
        var examples = ModelFiles.ReadExamples(Path.Combine(folder, ModelFiles.Examples));

        Assert.NotEmpty(examples);
        var worst = ExampleReplay.MaxError(onnx, manifest, examples);
        output.WriteLine($"{name}: {examples.Count} examples, max |expected - onnx| = {worst:E2}");
        Assert.True(worst <= 1e-5f);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void CommittedModel_MetricsReadAsNumbersWithoutReasons(string name)
    {
        var manifest = ModelFiles.ReadManifest(Path.Combine(VersionFolder(name), ModelFiles.Manifest));

        // Written before metrics carried reasons: the field is absent and reads as null.
        Assert.All(manifest.Metrics.Values.SelectMany(split => split.Values), m =>
        {
            Assert.NotNull(m.Auc);
            Assert.Null(m.Unavailable);
        });
    }

    private static string VersionFolder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MmoeService.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Repository root not found."), "models", name, "1");
    }
}
