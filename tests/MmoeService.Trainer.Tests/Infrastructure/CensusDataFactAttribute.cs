namespace MmoeService.Trainer.Tests.Infrastructure;

/// <summary>
/// A fact that needs the shared UCI census-income files (../shared/data/census-income beside the repository).
/// They are never copied into the repository, so without them the test is skipped with a message saying why.
/// </summary>
public sealed class CensusDataFactAttribute : FactAttribute
{
    public CensusDataFactAttribute()
    {
        if (TestFile is null)
        {
            Skip = $"census-income.test(.gz) not found under {Folder ?? "../shared/data/census-income (no repository root found)"}; " +
                "put the UCI file there to run this test.";
        }
    }

    /// <summary>../shared/data/census-income relative to the repository root (the folder holding MmoeService.sln).</summary>
    public static string? Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MmoeService.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "census-income"));
                }
            }

            return null;
        }
    }

    /// <summary>The census-income.test path (without .gz; the reader tries both), or null when absent.</summary>
    public static string? TestFile =>
        Folder is { } folder && Trainer.Data.CensusIncomeFile.Resolve(Path.Combine(folder, "census-income.test")) is not null
            ? Path.Combine(folder, "census-income.test")
            : null;
}
