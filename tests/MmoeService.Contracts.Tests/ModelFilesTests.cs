using System.Text.Json;
using System.Text.Json.Nodes;
using MmoeService.Contracts.Tests.Infrastructure;

namespace MmoeService.Contracts.Tests;

/// <summary>The files that cross from trainer to server, read and written through <see cref="ModelFiles"/>.</summary>
public sealed class ModelFilesTests
{
    public static TheoryData<string> Versions => RepositoryPaths.CommittedVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void ReadManifest_CommittedVersion_WritesBackEveryMemberOfTheFile(string version)
    {
        var path = Path.Combine(RepositoryPaths.CommittedModels, version, ModelFiles.Manifest);

        var manifest = ModelFiles.ReadManifest(path);
        var written = JsonSerializer.SerializeToNode(manifest, ModelFiles.JsonOptions);

        // Versions written before an optional member existed lack it (it comes back with its default), so the check
        // is that every member the file holds, at any depth, comes back unchanged.
        Assert.Null(FirstDifference(JsonNode.Parse(File.ReadAllText(path)), written, "$"));
    }

    private static string? FirstDifference(JsonNode? file, JsonNode? written, string path) => file switch
    {
        JsonObject obj when written is JsonObject back => obj
            .Where(p => p.Value is not null)
            .Select(p => FirstDifference(p.Value, back[p.Key], $"{path}.{p.Key}"))
            .FirstOrDefault(d => d is not null),
        JsonArray array when written is JsonArray back && back.Count == array.Count => array
            .Select((item, i) => FirstDifference(item, back[i], $"{path}[{i}]"))
            .FirstOrDefault(d => d is not null),
        _ => JsonNode.DeepEquals(file, written) ? null : path,
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void ReadManifest_CommittedVersion_NamesItsFolderAndTheCurrentSchema(string version)
    {
        var manifest = ModelFiles.ReadManifest(Path.Combine(RepositoryPaths.CommittedModels, version, ModelFiles.Manifest));

        Assert.Equal(ModelManifest.CurrentSchemaVersion, manifest.SchemaVersion);
        Assert.Equal(Path.GetDirectoryName(version), manifest.Name);
        Assert.Equal(int.Parse(Path.GetFileName(version), System.Globalization.CultureInfo.InvariantCulture), manifest.Version);
        Assert.Contains(manifest.Architecture, ModelArchitecture.All);
        Assert.All(manifest.Tasks, task => Assert.False(ReservedNames.IsReservedTask(task.Name), task.Name));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ReadExamples_CommittedVersion_ExpectsEveryTaskForEveryCandidate(string version)
    {
        var folder = Path.Combine(RepositoryPaths.CommittedModels, version);
        var manifest = ModelFiles.ReadManifest(Path.Combine(folder, ModelFiles.Manifest));

        var examples = ModelFiles.ReadExamples(Path.Combine(folder, ModelFiles.Examples));

        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var items = example.Request["candidates"]!.AsArray().Select(c => (string)c!["itemId"]!).ToArray();
            Assert.Equal(items.Order(StringComparer.Ordinal), example.Expected.Keys.Order(StringComparer.Ordinal));
            Assert.All(example.Expected.Values, expected => Assert.All(manifest.Tasks, task => Assert.True(expected.ContainsKey(task.Name), task.Name)));
        }
    }

    [Fact]
    public void JsonOptions_NonFiniteMetric_IsWrittenAsANamedLiteralAndReadBack()
    {
        var metrics = new TaskMetrics(Auc: double.NaN, LogLoss: 0.25, Rmse: null, R2: null, PositiveRate: double.PositiveInfinity);

        var json = JsonSerializer.Serialize(metrics, ModelFiles.JsonOptions);
        var back = JsonSerializer.Deserialize<TaskMetrics>(json, ModelFiles.JsonOptions);

        Assert.Contains("\"auc\": \"NaN\"", json, StringComparison.Ordinal);
        Assert.Equal(metrics, back);
    }

    [Fact]
    public void ReadManifest_EmptyDocument_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "null");
        try
        {
            var error = Assert.Throws<JsonException>(() => ModelFiles.ReadManifest(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
