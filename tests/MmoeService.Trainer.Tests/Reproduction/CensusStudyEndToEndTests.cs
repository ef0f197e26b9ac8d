using MmoeService.Trainer.Data;
using MmoeService.Trainer.Reproduction;

namespace MmoeService.Trainer.Tests.Reproduction;

[Collection(TorchCollection.Name)]
public sealed class CensusStudyEndToEndTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mmoe-census-e2e-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReproduceCensus_SmallRawFile_WritesTable2AndCharts()
    {
        var testFile = Path.Combine(folder, "census-income.test");
        File.WriteAllLines(testFile, RawRows(120, seed: 5));
        var output = Path.Combine(folder, "results");

        var (code, errors) = ReproductionHost.Run("reproduce census",
            $"--Data:CensusIncome:TestFile={testFile}",
            "--Reproduction:Census:Groups=1,2",
            "--Reproduction:Census:Runs=2",
            "--Reproduction:Census:Trials=2",
            "--Reproduction:Census:ExpertUnits=4",
            "--Reproduction:Census:Experts=2",
            "--Reproduction:Census:BottomUnits=8,16",
            "--Reproduction:Census:TowerUnits=4",
            "--Reproduction:Census:Epochs=2",
            "--Reproduction:Census:BatchSize=32",
            "--Reproduction:Threads=1",
            $"--Reproduction:Census:Output={output}");

        Assert.True(code == 0, errors);
        foreach (var file in new[] { "runs.csv", "search.csv", "auc-group1-income.png", "auc-group2-education.png", "results.md", "command.txt" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing.");
        }

        // 2 groups x 4 models x 2 runs.
        // 2 groups x 6 models (MMoE, OMoE, Shared-Bottom, single-task, CGC, PLE) x 2 runs.
        Assert.Equal(1 + 24, File.ReadAllLines(Path.Combine(output, "runs.csv")).Length);
        Assert.True(File.Exists(Path.Combine(output, StudySummary.FileName)), "summary.json is missing.");
        var markdown = File.ReadAllText(Path.Combine(output, "results.md"));
        Assert.Contains("split 60/20/20 at random", markdown, StringComparison.Ordinal);
        Assert.Contains("| MMoE | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Single-task | 2 |", markdown, StringComparison.Ordinal);
    }

    /// <summary>
    /// Rows in the raw UCI layout (42 fields joined by ", ", income label last) with random values; the
    /// three label columns are balanced so every split holds both classes of every task.
    /// </summary>
    private static IEnumerable<string> RawRows(int count, int seed)
    {
        var random = new Random(seed);
        for (var r = 0; r < count; r++)
        {
            yield return string.Join(", ", CensusIncomeFile.Columns.Select(column => column switch
            {
                CensusIncomeFile.Education => random.Next(2) == 0 ? "Bachelors degree(BA AB BS)" : "High school graduate",
                CensusIncomeFile.MaritalStatus => random.Next(2) == 0 ? "Never married" : "Married-civilian spouse present",
                CensusIncomeFile.Income => random.Next(2) == 0 ? "50000+." : "- 50000.",
                _ when CensusIncomeFile.NumericColumns.Contains(column) => random.Next(0, 90).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "value" + random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
        }
    }
}
