namespace MmoeService.Api.Tests.Infrastructure;

/// <summary>Locates the repository checkout the tests run from, so they use the committed default models.</summary>
public static class RepositoryPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string CommittedModels => Path.Combine(RepositoryRoot, "models");

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
