using MmoeService.Trainer.Export;
using Microsoft.Extensions.Logging.Abstractions;

namespace MmoeService.Trainer.Tests.Export;

public sealed class ModelRepositoryWriterTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("repo-").FullName;
    private readonly ModelRepositoryWriter _writer = new(NullLogger<ModelRepositoryWriter>.Instance);

    private static KeyValuePair<string, byte[]>[] Files(string content) =>
        [new("model.onnx", [1, 2, 3]), new("manifest.json", System.Text.Encoding.UTF8.GetBytes(content))];

    [Fact]
    public void Write_NewModel_CreatesVersionFolderWithFilesOnly()
    {
        var folder = _writer.Write(_repository, "mmoe", 1, Files("{}"), overwrite: false);

        Assert.Equal(Path.Combine(_repository, "mmoe", "1"), folder);
        Assert.Equal(["manifest.json", "model.onnx"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(["1"], Directory.GetDirectories(Path.Combine(_repository, "mmoe")).Select(Path.GetFileName));
    }

    [Fact]
    public void NextVersion_IgnoresTempFolders_AndCountsUp()
    {
        Directory.CreateDirectory(Path.Combine(_repository, "m", "1"));
        Directory.CreateDirectory(Path.Combine(_repository, "m", "4"));
        Directory.CreateDirectory(Path.Combine(_repository, "m", ".tmp-9-abc"));

        Assert.Equal(5, ModelRepositoryWriter.NextVersion(_repository, "m"));
        Assert.Equal(1, ModelRepositoryWriter.NextVersion(_repository, "new"));
    }

    [Fact]
    public void Write_ExistingVersionWithoutOverwrite_FailsAndKeepsOld()
    {
        _writer.Write(_repository, "m", 1, Files("old"), overwrite: false);

        Assert.Throws<IOException>(() => _writer.Write(_repository, "m", 1, Files("new"), overwrite: false));

        Assert.Equal("old", File.ReadAllText(Path.Combine(_repository, "m", "1", "manifest.json")));
        Assert.Single(Directory.GetDirectories(Path.Combine(_repository, "m")));
    }

    [Fact]
    public void Write_ExistingVersionWithOverwrite_ReplacesWholeFolder()
    {
        _writer.Write(_repository, "m", 1, [.. Files("old"), new("stale.txt", [0])], overwrite: false);

        _writer.Write(_repository, "m", 1, Files("new"), overwrite: true);

        Assert.Equal("new", File.ReadAllText(Path.Combine(_repository, "m", "1", "manifest.json")));
        Assert.False(File.Exists(Path.Combine(_repository, "m", "1", "stale.txt")));
        Assert.Single(Directory.GetDirectories(Path.Combine(_repository, "m")));
    }

    [Fact]
    public void Write_FailureMidWrite_LeavesNothingBehind()
    {
        // The second file needs "model.onnx" to be a folder; it is a file by then, so writing fails half-way.
        KeyValuePair<string, byte[]>[] files = [new("model.onnx", [1]), new("model.onnx/inner", [2])];

        Assert.ThrowsAny<IOException>(() => _writer.Write(_repository, "m", 1, files, overwrite: false));

        Assert.Empty(Directory.GetFileSystemEntries(_repository));
    }

    [Fact]
    public void Write_FailureWhileReplacing_KeepsOldVersion()
    {
        _writer.Write(_repository, "m", 2, Files("old"), overwrite: false);
        KeyValuePair<string, byte[]>[] files = [new("model.onnx", [1]), new("model.onnx/inner", [2])];

        Assert.ThrowsAny<IOException>(() => _writer.Write(_repository, "m", 2, files, overwrite: true));

        Assert.Equal("old", File.ReadAllText(Path.Combine(_repository, "m", "2", "manifest.json")));
        Assert.Equal(["2"], Directory.GetDirectories(Path.Combine(_repository, "m")).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_repository, recursive: true);
}
