namespace MmoeService.Contracts.Tests;

public sealed class ModelVersionFoldersTests : IDisposable
{
    private readonly string _model = Directory.CreateTempSubdirectory("versions-").FullName;

    [Fact]
    public void Scan_MixedFolders_ReturnsOnlyNumericVersionsAscending()
    {
        foreach (var name in new[] { "10", "2", ".tmp-3-abcd1234", ".old-2-abcd1234", "latest", "0", "007", "-4", "1a", "99999999999" })
        {
            Directory.CreateDirectory(Path.Combine(_model, name));
        }

        File.WriteAllText(Path.Combine(_model, "5"), "a file, not a version folder");

        Assert.Equal([2, 10], ModelVersionFolders.Scan(_model));
    }

    [Fact]
    public void Scan_MissingFolder_IsEmpty() => Assert.Empty(ModelVersionFolders.Scan(Path.Combine(_model, "absent")));

    [Theory]
    [InlineData("1", true, 1)]
    [InlineData("42", true, 42)]
    [InlineData("0", false, 0)]
    [InlineData("07", false, 0)]
    [InlineData("+7", false, 0)]
    [InlineData(" 7", false, 0)]
    [InlineData("٣", false, 0)]
    [InlineData(".tmp-7-abc", false, 0)]
    public void TryParse_FolderName_AcceptsOnlyCanonicalPositiveNumbers(string name, bool expected, int version)
    {
        Assert.Equal(expected, ModelVersionFolders.TryParse(name, out var parsed));
        Assert.Equal(version, parsed);
    }

    public void Dispose() => Directory.Delete(_model, recursive: true);
}
