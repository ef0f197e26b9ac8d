using MmoeService.Contracts;
using MmoeService.Trainer.Data;
using Parquet;
using Parquet.Schema;

namespace MmoeService.Trainer.Tests.Data;

public sealed class SpecDataSourceTests : IDisposable
{
    private const string Spec = """
        {
          "name": "toy",
          "file": "data.csv",
          "split": { "train": 0.6, "validation": 0.2, "seed": 5 },
          "labels": [ { "column": "clicked", "task": "ctr" }, { "column": "watch", "task": "watch_time", "type": "regression" } ],
          "features": [
            { "column": "age", "kind": "numeric", "scope": "context" },
            { "column": "city", "kind": "categorical", "minCount": 2, "scope": "context" },
            { "column": "user", "kind": "hashed", "buckets": 64 }
          ],
          "ignore": [ "event_id" ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("spec-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Csv(int rows = 20, Func<int, string>? line = null)
    {
        var lines = new List<string> { "event_id,age,city,user,clicked,watch" };
        for (var i = 0; i < rows; i++)
        {
            lines.Add(line?.Invoke(i) ?? $"{i},{20 + i},{(i % 3 == 0 ? "\"Paris, FR\"" : "Rome")},u{i % 7},{i % 2},{i * 0.5}");
        }

        return string.Join("\n", lines) + "\n";
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private RawDataset Load(string csv, string spec = Spec)
    {
        Write("data.csv", csv);
        return SpecDataSource.Load(Write("spec.json", spec), 1);
    }

    private DatasetException Fails(string csv, string spec = Spec) => Assert.Throws<DatasetException>(() => Load(csv, spec));

    [Fact]
    public void Load_Csv_SplitsByRatioAndMapsColumns()
    {
        var data = Load(Csv());

        Assert.Equal((12, 4, 4), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal(["ctr", "watch_time"], data.Tasks.Select(t => t.Task));
        Assert.Equal([TaskKind.Binary, TaskKind.Regression], data.Tasks.Select(t => t.Kind));
        Assert.Equal(["age", "city", "user"], data.Features.Select(f => f.Name));
        Assert.Equal(FeatureScope.Context, data.Features[1].Scope);
        Assert.Equal((FeatureKind.Hashed, 64), (data.Features[2].Kind, data.Features[2].HashBuckets));
        var all = data.Train.Rows.Concat(data.Validation.Rows).Concat(data.Test.Rows).ToList();
        Assert.Contains(all, r => r[1].Text == "Paris, FR");
        Assert.All(all, r => Assert.NotNull(r[0].Number));
    }

    [Fact]
    public void Load_SameSeed_SameSplit()
    {
        var a = Load(Csv());
        var b = Load(Csv());

        Assert.Equal(a.Test.Rows.Select(r => r[0].Number), b.Test.Rows.Select(r => r[0].Number));
    }

    [Fact]
    public void Load_EmptyCells_AreMissingFeatures()
    {
        var data = Load(Csv(line: i => i == 0 ? "0,,,,1,2" : $"{i},{i},Rome,u{i},{i % 2},{i}"));

        Assert.Contains(data.Train.Rows.Concat(data.Validation.Rows).Concat(data.Test.Rows), r => r.All(v => v.IsMissing));
    }

    [Fact]
    public void Load_FittedSchema_EncodesEveryRow()
    {
        var data = Load(Csv());
        var encoder = new FeatureEncoder(SchemaFitter.Fit(data));

        var test = EncodedSplit.Encode(data.Test, data.Features, encoder);

        Assert.Equal(4, test.Rows);
        Assert.Equal(2, test.CategoricalWidth);
    }

    [Fact]
    public void Load_UnknownColumnInFile_NamesFileAndColumn()
    {
        var error = Fails(Csv().Replace("event_id", "evnt_id", StringComparison.Ordinal));

        Assert.Equal(("data.csv", "evnt_id"), (error.File, error.Column));
        Assert.Contains("Unknown column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FeatureMissingFromFile_NamesTheColumn()
    {
        var spec = Spec.Replace("\"column\": \"user\"", "\"column\": \"usr\"", StringComparison.Ordinal)
            .Replace("[ \"event_id\" ]", "[ \"event_id\", \"user\" ]", StringComparison.Ordinal);

        var error = Fails(Csv(), spec);

        Assert.Equal(("data.csv", "usr"), (error.File, error.Column));
        Assert.Contains("Unknown column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingLabelColumn_NamesTheColumn()
    {
        var csv = string.Join("\n", Csv().Split('\n').Select(l => l.Length == 0 ? l : l[..l.LastIndexOf(',')]));

        var error = Fails(csv);

        Assert.Equal(("data.csv", "watch"), (error.File, error.Column));
        Assert.Contains("Missing label column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingLabelValue_NamesFileRowAndColumn()
    {
        var error = Fails(Csv(line: i => i == 6 ? "6,26,Rome,u6,,3" : $"{i},{20 + i},Rome,u{i},{i % 2},{i}"));

        Assert.Equal(("data.csv", 7L, "clicked"), (error.File, error.Row, error.Column));
        Assert.Contains("Missing label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonNumericValue_NamesFileRowAndColumn()
    {
        var error = Fails(Csv(line: i => i == 3 ? "3,thirty,Rome,u3,1,3" : $"{i},{20 + i},Rome,u{i},{i % 2},{i}"));

        Assert.Equal(("data.csv", 4L, "age"), (error.File, error.Row, error.Column));
        Assert.Contains("thirty", error.Message, StringComparison.Ordinal);
        Assert.Contains("file 'data.csv', row 4, column 'age'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadBinaryLabel_NamesRowAndColumn()
    {
        var error = Fails(Csv(line: i => i == 2 ? "2,22,Rome,u2,yes please,3" : $"{i},{20 + i},Rome,u{i},{i % 2},{i}"));

        Assert.Equal((3L, "clicked"), (error.Row, error.Column));
    }

    [Fact]
    public void Load_EmptyFile_SaysSo()
    {
        var error = Fails(string.Empty);

        Assert.Equal("data.csv", error.File);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HeaderOnly_SaysEmpty()
    {
        var error = Fails("event_id,age,city,user,clicked,watch\n");

        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConstantLabel_NamesTheLabel()
    {
        var error = Fails(Csv(line: i => $"{i},{20 + i},Rome,u{i},0,{i}"));

        Assert.Equal(("data.csv", "clicked"), (error.File, error.Column));
        Assert.Contains("'clicked' (task 'ctr') is constant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongFieldCount_NamesTheRow()
    {
        var error = Fails(Csv(line: i => i == 4 ? "4,24,Rome" : $"{i},{20 + i},Rome,u{i},{i % 2},{i}"));

        Assert.Equal((5L, null), (error.Row, error.Column));
    }

    [Fact]
    public void Load_UnknownFeatureKind_NamesSpecKey()
    {
        var error = Fails(Csv(), Spec.Replace("\"kind\": \"numeric\"", "\"kind\": \"number\"", StringComparison.Ordinal));

        Assert.Equal(("spec.json", "features[0].kind"), (Path.GetFileName(error.File), error.Column));
    }

    [Fact]
    public void Load_UnknownSpecProperty_IsRejected()
    {
        var error = Fails(Csv(), Spec.Replace("\"name\": \"toy\"", "\"nmae\": \"toy\"", StringComparison.Ordinal));

        Assert.Contains("nmae", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GivenFiles_UsesThemAsSplits()
    {
        Write("train.csv", Csv(10));
        Write("validation.csv", Csv(3));
        Write("test.csv", Csv(4));
        var spec = Spec.Replace("\"file\": \"data.csv\",", "\"files\": { \"train\": \"train.csv\", \"validation\": \"validation.csv\", \"test\": \"test.csv\" },", StringComparison.Ordinal)
            .Replace("\"split\": { \"train\": 0.6, \"validation\": 0.2, \"seed\": 5 },", string.Empty, StringComparison.Ordinal);

        var data = SpecDataSource.Load(Write("spec.json", spec), 1);

        Assert.Equal((10, 3, 4), (data.Train.Count, data.Validation.Count, data.Test.Count));
    }

    [Fact]
    public async Task Load_Parquet_RoundTripsTypedColumns()
    {
        var fields = new DataField[]
        {
            new DataField<long>("event_id"), new DataField<double?>("age"), new DataField<string>("city"),
            new DataField<string>("user"), new DataField<bool>("clicked"), new DataField<float>("watch"),
        };
        var schema = new ParquetSchema(fields);
        const int rows = 20;
        await using (var stream = File.Create(Path.Combine(_folder, "data.parquet")))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(fields[0], Enumerable.Range(0, rows).Select(i => (long)i).ToArray().AsMemory());
            await group.WriteAsync<double>(fields[1], Enumerable.Range(0, rows).Select(i => i == 0 ? (double?)null : 20 + i).ToArray().AsMemory());
            await group.WriteAsync(fields[2], Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? "Paris" : "Rome").ToArray());
            await group.WriteAsync(fields[3], Enumerable.Range(0, rows).Select(i => $"u{i % 7}").ToArray());
            await group.WriteAsync<bool>(fields[4], Enumerable.Range(0, rows).Select(i => i % 2 == 1).ToArray().AsMemory());
            await group.WriteAsync<float>(fields[5], Enumerable.Range(0, rows).Select(i => i * 0.5f).ToArray().AsMemory());
        }

        var data = SpecDataSource.Load(Write("spec.json", Spec.Replace("data.csv", "data.parquet", StringComparison.Ordinal)), 1);
        var all = data.Train.Rows.Concat(data.Validation.Rows).Concat(data.Test.Rows).ToList();
        var labels = data.Train.Labels[0].Concat(data.Validation.Labels[0]).Concat(data.Test.Labels[0]).ToList();

        Assert.Equal(rows, all.Count);
        Assert.Single(all, r => r[0].IsMissing);
        Assert.Equal(rows / 2, labels.Sum());
        Assert.Contains(all, r => r[1].Text == "Paris");
    }
}
