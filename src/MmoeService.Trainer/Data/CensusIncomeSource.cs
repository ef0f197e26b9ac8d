using System.Globalization;
using Microsoft.Extensions.Options;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// "census-income": the UCI census-income (KDD) data with the paper's task groups (Ma et al. §6.3).
/// Group 1: income &gt; 50K (main) + never married; group 2: at least college (main) + never married.
/// Education, marital status and the instance weight never reach the inputs (the first two are labels,
/// UCI says the weight must not be used as a feature); in group 2 income is an ordinary input, since the
/// paper removes only education and marital status.
/// </summary>
public sealed class CensusIncomeSource(IOptions<DataOptions> options) : IDataSource
{
    public const string SourceName = "census-income";

    /// <summary>Categories seen fewer times in training share the unseen row, which therefore gets trained.</summary>
    public const int CategoryMinCount = 5;

    public string Name => SourceName;

    public RawDataset Load() => Load(options.Value.CensusIncome, options.Value.Seed);

    /// <summary>Reads the configured files and builds the data set of <see cref="CensusIncomeOptions.Group"/>.</summary>
    public static RawDataset Load(CensusIncomeOptions settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var testFile = CensusIncomeFile.Resolve(settings.TestFile)
            ?? throw new DatasetException("The census-income test file does not exist (also tried with .gz).", settings.TestFile);
        var test = CensusIncomeFile.Read(testFile);
        if (string.IsNullOrWhiteSpace(settings.TrainFile))
        {
            return Build(null, test, settings.Group, seed, null, testFile);
        }

        var trainFile = CensusIncomeFile.Resolve(settings.TrainFile)
            ?? throw new DatasetException("The census-income train file does not exist (also tried with .gz).", settings.TrainFile);
        return Build(CensusIncomeFile.Read(trainFile), test, settings.Group, seed, trainFile, testFile);
    }

    /// <summary>
    /// Splits and labels parsed rows. With a train file: the paper's split, train file = train and the test
    /// file halved at random into validation and test. Without: the test file alone split 60/20/20 at random.
    /// Both shuffles use <paramref name="seed"/>.
    /// </summary>
    public static RawDataset Build(IReadOnlyList<string?[]>? trainRows, IReadOnlyList<string?[]> testRows, int group, int seed,
        string? trainName, string testName)
    {
        ArgumentNullException.ThrowIfNull(testRows);
        if (group is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(group), group, "The census-income task group is 1 or 2.");
        }

        var features = Features(group);
        var inputColumns = features.Select(f => IndexOfColumn(f.Name)).ToArray();
        var tasks = Tasks(group);
        var order = RandomStreams.Permutation(testRows.Count, RandomStreams.Create(seed, 21));
        string split;
        IReadOnlyList<string?[]> train, validation, test;
        if (trainRows is not null)
        {
            var half = testRows.Count / 2;
            train = trainRows;
            validation = [.. order.Take(half).Select(i => testRows[i])];
            test = [.. order.Skip(half).Select(i => testRows[i])];
            split = string.Create(CultureInfo.InvariantCulture,
                $"paper split: {Path.GetFileName(trainName)} for training, {Path.GetFileName(testName)} halved at random (seed {seed}) into validation and test");
        }
        else
        {
            var trainCount = (int)Math.Round(testRows.Count * 0.6);
            var validationCount = (int)Math.Round(testRows.Count * 0.2);
            train = [.. order.Take(trainCount).Select(i => testRows[i])];
            validation = [.. order.Skip(trainCount).Take(validationCount).Select(i => testRows[i])];
            test = [.. order.Skip(trainCount + validationCount).Select(i => testRows[i])];
            split = string.Create(CultureInfo.InvariantCulture,
                $"only {Path.GetFileName(testName)} given ({testRows.Count:N0} rows), so it is split 60/20/20 at random (seed {seed}) instead of the paper's split");
        }

        var main = group == 1 ? "income > 50K" : "education at least college";
        var description = string.Create(CultureInfo.InvariantCulture,
            $"UCI census-income (KDD), task group {group} ({main} main, never married auxiliary); {split}.");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["group"] = group.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["testFile"] = testName,
            ["split"] = trainRows is null ? "test-file 60/20/20" : "paper",
        };
        if (trainName is not null)
        {
            parameters["trainFile"] = trainName;
        }

        return new RawDataset(
            new TrainingData(SourceName, description, parameters, train.Count, validation.Count, test.Count),
            features,
            tasks,
            ToSplit(train, features, inputColumns, group),
            ToSplit(validation, features, inputColumns, group),
            ToSplit(test, features, inputColumns, group));
    }

    /// <summary>Input columns of a group: every column but education, marital status, the weight and the group's labels.</summary>
    public static IReadOnlyList<FeatureColumn> Features(int group)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal)
        {
            CensusIncomeFile.Education, CensusIncomeFile.MaritalStatus, CensusIncomeFile.InstanceWeight,
        };
        if (group == 1)
        {
            excluded.Add(CensusIncomeFile.Income);
        }

        return
        [
            .. CensusIncomeFile.Columns.Where(c => !excluded.Contains(c)).Select(c => CensusIncomeFile.NumericColumns.Contains(c)
                ? new FeatureColumn(c, FeatureKind.Numeric)
                : new FeatureColumn(c, FeatureKind.Categorical, MinCount: CategoryMinCount)),
        ];
    }

    public static IReadOnlyList<LabelColumn> Tasks(int group)
    {
        var marital = new LabelColumn(CensusIncomeTasks.MaritalTask, TaskKind.Binary, "marital_stat == \"Never married\"");
        return group == 1
            ? [new LabelColumn(CensusIncomeTasks.IncomeTask, TaskKind.Binary, "income_50k == \"50000+.\""), marital]
            : [new LabelColumn(CensusIncomeTasks.EducationTask, TaskKind.Binary,
                $"education in {{{string.Join("; ", CensusIncomeTasks.CollegeEducation)}}}"), marital];
    }

    private static RawSplit ToSplit(IReadOnlyList<string?[]> rows, IReadOnlyList<FeatureColumn> features, int[] inputColumns, int group)
    {
        var values = new FeatureValue[rows.Count][];
        var main = new float[rows.Count];
        var marital = new float[rows.Count];
        var education = IndexOfColumn(CensusIncomeFile.Education);
        var maritalStatus = IndexOfColumn(CensusIncomeFile.MaritalStatus);
        var income = IndexOfColumn(CensusIncomeFile.Income);
        for (var r = 0; r < rows.Count; r++)
        {
            var fields = rows[r];
            var row = new FeatureValue[features.Count];
            for (var f = 0; f < features.Count; f++)
            {
                var text = fields[inputColumns[f]];
                row[f] = text is null ? FeatureValue.Missing
                    : features[f].Kind == FeatureKind.Numeric ? FeatureValue.FromNumber(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
                    : FeatureValue.FromText(text);
            }

            values[r] = row;
            main[r] = (group == 1 ? CensusIncomeTasks.IsHighIncome(fields[income]!) == true : CensusIncomeTasks.IsCollege(fields[education])) ? 1 : 0;
            marital[r] = CensusIncomeTasks.IsNeverMarried(fields[maritalStatus]) ? 1 : 0;
        }

        return new RawSplit(values, [main, marital]);
    }

    private static int IndexOfColumn(string name)
    {
        for (var c = 0; c < CensusIncomeFile.Columns.Count; c++)
        {
            if (CensusIncomeFile.Columns[c] == name)
            {
                return c;
            }
        }

        throw new ArgumentException($"'{name}' is not a census-income column.", nameof(name));
    }
}
