using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using MmoeService.Trainer.Export;
using MmoeService.Trainer.Jobs;
using MmoeService.Trainer.Tests.Export;
using MmoeService.Trainer.Training;
using Microsoft.Extensions.Hosting;
using Microsoft.ML.OnnxRuntime;

namespace MmoeService.Trainer.Tests.Jobs;

/// <summary>The <c>defaults conflict</c> command on a tiny world, and the committed conflict-world models it wrote.</summary>
[Collection(TorchCollection.Name)]
public sealed class ConflictDefaultModelsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conflict-defaults-").FullName;

    public static TheoryData<string> Committed => new() { "mmoe-conflict", "shared-bottom-conflict", "cgc-conflict" };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void DefaultsConflict_TinyWorld_WritesThreeModelsOnTheConflictWorld()
    {
        var (command, settings) = TrainerCommands.Split(["defaults", "conflict", $"--Output:Repository={_root}",
            "--Data:SyntheticRecommendation:Impressions=4000", "--Data:SyntheticRecommendation:Users=300",
            "--Data:SyntheticRecommendation:Items=80", "--Logging:LogLevel:Default=Warning"]);
        var builder = Host.CreateApplicationBuilder(settings);
        builder.AddData();
        builder.AddTraining();
        builder.AddExport();
        builder.AddJobs();

        Assert.Equal(TrainerCommands.Success, TrainerCommands.Run(builder, command, TextWriter.Null));

        foreach (var architecture in ConflictDefaultModelsJob.Architectures)
        {
            var folder = Path.Combine(_root, ConflictDefaultModelsJob.ModelName(architecture), "1");
            var manifest = ModelFiles.ReadManifest(Path.Combine(folder, ModelFiles.Manifest));
            Assert.Equal(architecture, manifest.Architecture);
            Assert.Equal("conflict", manifest.Data.Parameters["preset"]);
            Assert.Equal("0", manifest.Data.Parameters["taskCorrelation"]);
            Assert.True(ExampleReplay.MaxError(File.ReadAllBytes(Path.Combine(folder, ModelFiles.Onnx)), manifest,
                ModelFiles.ReadExamples(Path.Combine(folder, ModelFiles.Examples))) <= 1e-5f);
        }
    }

    [Theory]
    [MemberData(nameof(Committed))]
    public void CommittedConflictModel_ReplaysExamplesAndRebuildsItsWorld(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "models", name, "1");
        var onnx = File.ReadAllBytes(Path.Combine(folder, ModelFiles.Onnx));
        var manifest = ModelFiles.ReadManifest(Path.Combine(folder, ModelFiles.Manifest));

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)), manifest.OnnxSha256);
        using (var session = new InferenceSession(onnx))
        {
            Assert.Equal(manifest.Outputs.Select(o => o.Name), session.OutputNames);
        }

        Assert.True(ExampleReplay.MaxError(onnx, manifest, ModelFiles.ReadExamples(Path.Combine(folder, ModelFiles.Examples))) <= 1e-5f);
        Assert.True(RecommendationWorld.FromParameters(manifest.Data.Parameters).Conflicting);
        Assert.Equal(DefaultModelsJob.Recipe(ModelArchitecture.Mmoe).Seed, manifest.Seed);
    }

    [Fact]
    public void CommittedCgcConflictModel_RecordsGateWidthAndExpertDiversity()
    {
        var manifest = ModelFiles.ReadManifest(Path.Combine(RepositoryRoot(), "models", "cgc-conflict", "1", ModelFiles.Manifest));

        Assert.Equal(3, manifest.GateWidth);
        Assert.All(manifest.Gates.Values, g => Assert.Equal(3, g.MeanWeights.Count));
        Assert.Equal(4, manifest.ExpertDiversity!.Experts.Count);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MmoeService.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Repository root not found.");
    }
}
