using System.IO.Compression;
using MmoeService.Contracts;
using MmoeService.Trainer.Data;

namespace MmoeService.Trainer.Tests.Data;

public sealed class CensusIncomeTests : IDisposable
{
    // A real row of census-income.test (age 38, married, high school or below, income below 50K).
    private const string Template =
        "38, Private, 6, 36, 1st 2nd 3rd or 4th grade, 0, Not in universe, Married-civilian spouse present, " +
        "Manufacturing-durable goods, Machine operators assmblrs & inspctrs, White, Mexican (Mexicano), Female, Not in universe, " +
        "Not in universe, Full-time schedules, 0, 0, 0, Joint one under 65 & one 65+, Not in universe, Not in universe, " +
        "Spouse of householder, Spouse of householder, 1032.38, ?, ?, ?, Not in universe under 1 year old, ?, 4, Not in universe, " +
        "Mexico, Mexico, Mexico, Foreign born- Not a citizen of U S , 0, Not in universe, 2, 12, 95, - 50000.";

    private readonly string _folder = Directory.CreateTempSubdirectory("census-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Row(params (string Column, string Value)[] changes)
    {
        var fields = Template.Split(", ");
        foreach (var (column, value) in changes)
        {
            fields[CensusIncomeFile.Columns.ToList().IndexOf(column)] = value;
        }

        return string.Join(", ", fields);
    }

    private static List<string?[]> Parse(params string[] lines) => CensusIncomeFile.Read(new StringReader(string.Join('\n', lines)), "rows.test");

    [Fact]
    public void Read_RawRow_TrimsFieldsAndMapsQuestionMarksToMissing()
    {
        var fields = Assert.Single(Parse(Row()));

        Assert.Equal(42, fields.Length);
        Assert.Equal("Private", fields[1]);
        Assert.Equal("Foreign born- Not a citizen of U S", fields[35]);
        Assert.Null(fields[25]);
        Assert.Equal("- 50000.", fields[41]);
    }

    [Fact]
    public void Read_WrongFieldCount_NamesFileAndRow()
    {
        var error = Assert.Throws<DatasetException>(() => Parse(Row(), "", "1, 2, 3"));

        Assert.Equal(("rows.test", 2L), (error.File, error.Row));
        Assert.Contains("42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextInNumericColumn_NamesTheColumn()
    {
        var error = Assert.Throws<DatasetException>(() => Parse(Row(("age", "old"))));

        Assert.Equal((1L, "age"), (error.Row, error.Column));
    }

    [Fact]
    public void Read_UnknownIncomeLabel_IsRejected()
    {
        var error = Assert.Throws<DatasetException>(() => Parse(Row(("income_50k", "rich"))));

        Assert.Equal("income_50k", error.Column);
    }

    [Fact]
    public void Read_GzipFile_IsDecompressed()
    {
        var path = Path.Combine(_folder, "census-income.test.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.WriteLine(Row());
            writer.WriteLine(Row(("age", "40")));
        }

        var rows = CensusIncomeFile.Read(Path.Combine(_folder, "census-income.test"));

        Assert.Equal(["38", "40"], rows.Select(r => r[0]));
    }

    [Theory]
    [InlineData("50000+.", true)]
    [InlineData("- 50000.", false)]
    [InlineData("- 50000", false)]
    [InlineData("50000", null)]
    public void IsHighIncome_FollowsTheUciLabels(string value, bool? expected)
    {
        Assert.Equal(expected, CensusIncomeTasks.IsHighIncome(value));
    }

    [Theory]
    [InlineData("Some college but no degree", true)]
    [InlineData("Associates degree-academic program", true)]
    [InlineData("Bachelors degree(BA AB BS)", true)]
    [InlineData("Doctorate degree(PhD EdD)", true)]
    [InlineData("High school graduate", false)]
    [InlineData("12th grade no diploma", false)]
    [InlineData("Children", false)]
    public void IsCollege_CountsAnyCollegeAttendance(string education, bool expected)
    {
        Assert.Equal(expected, CensusIncomeTasks.IsCollege(education));
    }

    [Fact]
    public void Build_Group1_LabelsIncomeAndNeverMarried_AndDropsLabelColumnsFromInputs()
    {
        var rows = Parse(
            Row(("income_50k", "50000+."), ("marital_stat", "Never married")),
            Row(),
            Row(("education", "Masters degree(MA MS MEng MEd MSW MBA)")),
            Row(),
            Row());

        var data = CensusIncomeSource.Build(null, rows, 1, 1, null, "rows.test");
        var all = Concat(data);

        Assert.Equal(["income", "marital"], data.Tasks.Select(t => t.Task));
        Assert.Equal(1f, all.Sum(r => r.Labels[0]));
        Assert.Equal(1f, all.Sum(r => r.Labels[1]));
        Assert.True(all.All(r => r.Labels[0] == r.Labels[1]), "the one high-income row is the one never-married row");
        var names = data.Features.Select(f => f.Name).ToHashSet();
        Assert.DoesNotContain("education", names);
        Assert.DoesNotContain("marital_stat", names);
        Assert.DoesNotContain("instance_weight", names);
        Assert.DoesNotContain("income_50k", names);
        Assert.Equal(38, data.Features.Count);
    }

    [Fact]
    public void Build_Group2_LabelsCollege_AndKeepsIncomeAsInput()
    {
        var rows = Parse(Row(("education", "Bachelors degree(BA AB BS)")), Row(), Row(), Row(), Row());

        var data = CensusIncomeSource.Build(null, rows, 2, 1, null, "rows.test");

        Assert.Equal(["education", "marital"], data.Tasks.Select(t => t.Task));
        Assert.Equal(1f, Concat(data).Sum(r => r.Labels[0]));
        Assert.Contains(data.Features, f => f.Name == "income_50k" && f.Kind == FeatureKind.Categorical);
        Assert.DoesNotContain(data.Features, f => f.Name == "education");
    }

    [Fact]
    public void Features_FollowTheUciKinds()
    {
        var kinds = CensusIncomeSource.Features(1).ToDictionary(f => f.Name, f => f.Kind);

        Assert.Equal(FeatureKind.Numeric, kinds["age"]);
        Assert.Equal(FeatureKind.Numeric, kinds["weeks_worked"]);
        Assert.Equal(FeatureKind.Categorical, kinds["det_ind_code"]);
        Assert.Equal(FeatureKind.Categorical, kinds["det_occ_code"]);
        Assert.Equal(FeatureKind.Categorical, kinds["year"]);
        Assert.Equal(7, kinds.Values.Count(k => k == FeatureKind.Numeric));
    }

    [Fact]
    public void Build_MissingValues_BecomeMissingFeatures()
    {
        var data = CensusIncomeSource.Build(null, Parse(Row(("class_worker", "?")), Row(), Row(), Row(), Row()), 1, 1, null, "t");
        var column = data.Features.Select(f => f.Name).ToList().IndexOf("mig_chg_msa");

        Assert.All(Concat(data), r => Assert.True(r.Features[column].IsMissing));
    }

    [Fact]
    public void Build_TestFileOnly_Splits60_20_20AndSaysSo()
    {
        var rows = Parse([.. Enumerable.Range(0, 100).Select(i => Row(("age", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))]);

        var data = CensusIncomeSource.Build(null, rows, 1, 7, null, "census-income.test");

        Assert.Equal((60, 20, 20), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Contains("60/20/20", data.Info.Description, StringComparison.Ordinal);
        Assert.Equal(100, Concat(data).Select(r => r.Features[0].Number).Distinct().Count());
    }

    [Fact]
    public void Build_BothFiles_UsesThePaperSplit()
    {
        var train = Parse(Row(), Row(), Row());
        var test = Parse([.. Enumerable.Range(0, 11).Select(_ => Row())]);

        var data = CensusIncomeSource.Build(train, test, 1, 7, "census-income.data", "census-income.test");

        Assert.Equal((3, 5, 6), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Contains("paper split", data.Info.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SameSeed_SameSplit()
    {
        var rows = Parse([.. Enumerable.Range(0, 50).Select(i => Row(("age", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))]);

        var a = CensusIncomeSource.Build(null, rows, 1, 3, null, "t");
        var b = CensusIncomeSource.Build(null, rows, 1, 3, null, "t");

        Assert.Equal(a.Test.Rows.Select(r => r[0].Number), b.Test.Rows.Select(r => r[0].Number));
    }

    [CensusDataFact]
    public void RealTestFile_Group1_HasThePublishedCountsAndRates()
    {
        var data = CensusIncomeSource.Load(new CensusIncomeOptions { TestFile = CensusDataFactAttribute.TestFile!, Group = 1 }, 20180819);
        var all = Concat(data);

        Assert.Equal(99_762, all.Count);
        Assert.Equal((59_857, 19_952, 19_953), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal(6_186, all.Sum(r => r.Labels[0]));
        Assert.Equal(43_143, all.Sum(r => r.Labels[1]));
    }

    [CensusDataFact]
    public void RealTestFile_Group2_CollegeRateMatchesTheEducationCounts()
    {
        var data = CensusIncomeSource.Load(new CensusIncomeOptions { TestFile = CensusDataFactAttribute.TestFile!, Group = 2 }, 20180819);

        // 13,954 some college + 4,769 associates + 9,885 bachelors + 3,306 masters + 876 prof school + 620 doctorate.
        Assert.Equal(33_410, Concat(data).Sum(r => r.Labels[0]));
    }

    private static List<(FeatureValue[] Features, float[] Labels)> Concat(RawDataset data) =>
        [.. new[] { data.Train, data.Validation, data.Test }.SelectMany(s =>
            Enumerable.Range(0, s.Count).Select(r => (s.Rows[r], s.Labels.Select(l => l[r]).ToArray())))];
}
