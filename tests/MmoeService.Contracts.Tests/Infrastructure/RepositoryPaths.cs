namespace MmoeService.Contracts.Tests.Infrastructure;

/// <summary>Locates the repository checkout the tests run from, so they read the committed default models.</summary>
internal static class RepositoryPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string CommittedModels => Path.Combine(RepositoryRoot, "models");

    /// <summary>Every committed version folder (models/&lt;model&gt;/&lt;version&gt;), for theories over all of them.</summary>
    public static TheoryData<string> CommittedVersions()
    {
        var versions = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(CommittedModels).SelectMany(Directory.GetDirectories).Order(StringComparer.Ordinal))
        {
            versions.Add(Path.GetRelativePath(CommittedModels, folder));
        }

        return versions;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MmoeService.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MmoeService.sln above {AppContext.BaseDirectory}.");
    }
}
