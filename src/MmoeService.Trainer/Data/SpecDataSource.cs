using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MmoeService.Contracts;

namespace MmoeService.Trainer.Data;

/// <summary>
/// "spec": a CSV or Parquet table described by a <see cref="DatasetSpec"/> JSON file. Every problem with the
/// spec or the data is a <see cref="DatasetException"/> naming the file, the 1-based data row and the column.
/// </summary>
public sealed class SpecDataSource(IOptions<DataOptions> options) : IDataSource
{
    public const string SourceName = "spec";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public string Name => SourceName;

    public RawDataset Load() => Load(options.Value.Spec.Path ?? throw new DatasetException(
        $"{DataOptions.SectionName}:{SpecOptions.SectionName}:Path is not set."), options.Value.Seed);

    /// <summary>Reads the spec at <paramref name="specPath"/> and the tables it names.</summary>
    public static RawDataset Load(string specPath, int seed)
    {
        var spec = ReadSpec(specPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(specPath)) ?? ".";
        var (features, labels) = Check(spec, specPath);
        var name = spec.Name ?? Path.GetFileNameWithoutExtension(specPath);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["spec"] = specPath };
        RawSplit train, validation, test;
        string description;
        if (spec.File is not null)
        {
            var split = spec.Split ?? new SpecSplit();
            var splitSeed = split.Seed ?? seed;
            var table = ReadTable(spec, folder, spec.File);
            var all = Convert(table, spec, features, labels);
            var order = RandomStreams.Permutation(table.Rows.Count, RandomStreams.Create(splitSeed, 31));
            var trainCount = (int)Math.Round(order.Length * split.Train);
            var validationCount = (int)Math.Round(order.Length * split.Validation);
            train = Take(all, order[..trainCount]);
            validation = Take(all, order[trainCount..(trainCount + validationCount)]);
            test = Take(all, order[(trainCount + validationCount)..]);
            parameters["file"] = spec.File;
            parameters["splitSeed"] = splitSeed.ToString(CultureInfo.InvariantCulture);
            description = string.Create(CultureInfo.InvariantCulture,
                $"Dataset spec '{name}': {spec.File} ({table.Rows.Count:N0} rows) split {split.Train}/{split.Validation}/{1 - split.Train - split.Validation:0.###} at random (seed {splitSeed}).");
        }
        else
        {
            var files = spec.Files!;
            train = Convert(ReadTable(spec, folder, files.Train!), spec, features, labels);
            validation = Convert(ReadTable(spec, folder, files.Validation!), spec, features, labels);
            test = Convert(ReadTable(spec, folder, files.Test!), spec, features, labels);
            parameters["train"] = files.Train!;
            parameters["validation"] = files.Validation!;
            parameters["test"] = files.Test!;
            description = $"Dataset spec '{name}': given splits {files.Train}, {files.Validation}, {files.Test}.";
        }

        var data = new RawDataset(
            new TrainingData(SourceName, description, parameters, train.Count, validation.Count, test.Count),
            features, labels, train, validation, test);
        LabelAudit.Check(data);
        return data;
    }

    private static DatasetSpec ReadSpec(string specPath)
    {
        if (!File.Exists(specPath))
        {
            throw new DatasetException("The dataset spec does not exist.", specPath);
        }

        try
        {
            return JsonSerializer.Deserialize<DatasetSpec>(File.ReadAllText(specPath), JsonOptions)
                ?? throw new DatasetException("The dataset spec is empty (JSON null).", specPath);
        }
        catch (JsonException e)
        {
            throw new DatasetException($"The dataset spec is not valid JSON for a spec: {e.Message}", specPath, column: e.Path, innerException: e);
        }
    }

    /// <summary>Checks the spec on its own (before any data is read) and turns it into columns.</summary>
    private static (List<FeatureColumn> Features, List<LabelColumn> Labels) Check(DatasetSpec spec, string specPath)
    {
        DatasetException Bad(string message, string key) => new(message, specPath, column: key);
        if ((spec.File is null) == (spec.Files is null))
        {
            throw Bad("Give either \"file\" (one table, split by \"split\") or \"files\" (train, validation and test tables).", "file");
        }

        if (spec.Files is { } files && (files.Train is null || files.Validation is null || files.Test is null))
        {
            throw Bad("\"files\" needs \"train\", \"validation\" and \"test\".", "files");
        }

        if (spec.Split is { } split && (split.Train <= 0 || split.Validation < 0 || split.Train + split.Validation >= 1))
        {
            throw Bad($"Split shares must satisfy 0 < train, 0 <= validation, train + validation < 1; got {split.Train} and {split.Validation}.", "split");
        }

        if (spec.Format is not (null or "csv" or "parquet"))
        {
            throw Bad($"Format '{spec.Format}' is unknown; use csv or parquet.", "format");
        }

        if (spec.Delimiter is { Length: not 1 })
        {
            throw Bad("The delimiter must be a single character.", "delimiter");
        }

        if (spec.Labels.Count == 0)
        {
            throw Bad("The spec lists no labels; name at least one label column.", "labels");
        }

        if (spec.Features.Count == 0)
        {
            throw Bad("The spec lists no features.", "features");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var labels = new List<LabelColumn>();
        for (var i = 0; i < spec.Labels.Count; i++)
        {
            var label = spec.Labels[i];
            var key = $"labels[{i}]";
            if (string.IsNullOrWhiteSpace(label.Column) || !seen.Add(label.Column))
            {
                throw Bad($"Label column '{label.Column}' is empty or listed twice.", key);
            }

            if (label.Type is not (TaskKind.Binary or TaskKind.Regression))
            {
                throw Bad($"Label type '{label.Type}' is unknown; use binary or regression.", $"{key}.type");
            }

            var task = label.Task ?? label.Column;
            if (ReservedNames.IsReservedTask(task))
            {
                throw Bad($"Task name '{task}' is reserved ({ReservedNames.Describe()}): a scored item already has a field of that name. Set \"task\" to another name.",
                    label.Task is null ? $"{key}.column" : $"{key}.task");
            }

            labels.Add(new LabelColumn(task, label.Type, label.Column));
        }

        if (labels.Select(l => l.Task).Distinct(StringComparer.Ordinal).Count() != labels.Count)
        {
            throw Bad("Two labels have the same task name.", "labels");
        }

        var features = new List<FeatureColumn>();
        for (var i = 0; i < spec.Features.Count; i++)
        {
            var feature = spec.Features[i];
            var key = $"features[{i}]";
            if (string.IsNullOrWhiteSpace(feature.Column) || !seen.Add(feature.Column))
            {
                throw Bad($"Feature column '{feature.Column}' is empty or already used as a label or feature.", key);
            }

            var kind = feature.Kind switch
            {
                "numeric" => FeatureKind.Numeric,
                "categorical" => FeatureKind.Categorical,
                "hashed" => FeatureKind.Hashed,
                _ => throw Bad($"Feature kind '{feature.Kind}' is unknown; use numeric, categorical or hashed.", $"{key}.kind"),
            };
            if (kind == FeatureKind.Hashed && feature.Buckets < 1)
            {
                throw Bad($"Hashed feature '{feature.Column}' needs \"buckets\" of at least 1.", $"{key}.buckets");
            }

            if (feature.MinCount < 1)
            {
                throw Bad($"Feature '{feature.Column}' has minCount {feature.MinCount}; it must be at least 1.", $"{key}.minCount");
            }

            if (feature.EmbeddingDim is < 1)
            {
                throw Bad($"Feature '{feature.Column}' has embeddingDim {feature.EmbeddingDim}; it must be at least 1.", $"{key}.embeddingDim");
            }

            var scope = feature.Scope?.ToLowerInvariant() switch
            {
                null or "item" => FeatureScope.Item,
                "context" => FeatureScope.Context,
                _ => throw Bad($"Scope '{feature.Scope}' is unknown; use item or context.", $"{key}.scope"),
            };
            features.Add(new FeatureColumn(feature.Column, kind, scope, feature.MinCount, feature.Buckets, feature.EmbeddingDim));
        }

        foreach (var column in spec.Ignore)
        {
            if (!seen.Add(column))
            {
                throw Bad($"Column '{column}' is ignored but also used as a label or feature.", "ignore");
            }
        }

        return (features, labels);
    }

    private static SpecTable ReadTable(DatasetSpec spec, string folder, string file)
    {
        var path = Path.IsPathRooted(file) ? file : Path.Combine(folder, file);
        var format = spec.Format ?? (Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".csv" or ".txt" or ".tsv" => "csv",
            ".parquet" or ".pq" => "parquet",
            _ => throw new DatasetException("Cannot tell the format from the file extension; set \"format\" to csv or parquet.", file),
        });
        var table = format == "parquet"
            ? ParquetTableReader.Read(path, file)
            : CsvTableReader.Read(path, file, spec.Delimiter?[0] ?? (Path.GetExtension(file).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ','));
        if (table.Rows.Count == 0)
        {
            throw new DatasetException("The file is empty: it has a header but no data rows.", file);
        }

        return table;
    }

    /// <summary>Matches the table's columns to the spec and converts every cell, reporting the first bad one.</summary>
    private static RawSplit Convert(SpecTable table, DatasetSpec spec, List<FeatureColumn> features, List<LabelColumn> labels)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            index[table.Columns[c]] = c;
        }

        var described = features.Select(f => f.Name).Concat(labels.Select(l => l.Source)).Concat(spec.Ignore).ToHashSet(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            if (!described.Contains(column))
            {
                throw new DatasetException("Unknown column: the spec does not describe it; list it under \"features\", \"labels\" or \"ignore\".",
                    table.File, column: column);
            }
        }

        foreach (var name in labels.Select(l => l.Source))
        {
            if (!index.ContainsKey(name))
            {
                throw new DatasetException($"Missing label column: the spec names it but the file has only {string.Join(", ", table.Columns)}.", table.File, column: name);
            }
        }

        foreach (var name in features.Select(f => f.Name))
        {
            if (!index.ContainsKey(name))
            {
                throw new DatasetException($"Unknown column: the spec names it but the file has only {string.Join(", ", table.Columns)}.", table.File, column: name);
            }
        }

        var featureColumns = features.Select(f => index[f.Name]).ToArray();
        var labelColumns = labels.Select(l => index[l.Source]).ToArray();
        var rows = new FeatureValue[table.Rows.Count][];
        var values = labels.Select(_ => new float[table.Rows.Count]).ToArray();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var cells = table.Rows[r];
            var row = new FeatureValue[features.Count];
            for (var f = 0; f < features.Count; f++)
            {
                var cell = cells[featureColumns[f]];
                row[f] = features[f].Kind == FeatureKind.Numeric ? ToNumber(cell, table.File, r + 1, features[f].Name) : cell;
            }

            rows[r] = row;
            for (var t = 0; t < labels.Count; t++)
            {
                values[t][r] = ToLabel(cells[labelColumns[t]], labels[t], table.File, r + 1);
            }
        }

        return new RawSplit(rows, values) { File = table.File };
    }

    private static FeatureValue ToNumber(FeatureValue cell, string file, long row, string column)
    {
        if (cell.IsMissing || cell.Number is not null)
        {
            return cell;
        }

        return double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? FeatureValue.FromNumber(number)
            : throw new DatasetException($"Non-numeric value '{cell.Text}' in a numeric column.", file, row, column);
    }

    private static float ToLabel(FeatureValue cell, LabelColumn label, string file, long row)
    {
        if (cell.IsMissing)
        {
            throw new DatasetException($"Missing label for task '{label.Task}'.", file, row, label.Source);
        }

        var number = cell.Number;
        if (number is null && cell.Text is { } text)
        {
            if (label.Kind == TaskKind.Binary && bool.TryParse(text, out var flag))
            {
                number = flag ? 1 : 0;
            }
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                number = parsed;
            }
        }

        if (label.Kind == TaskKind.Binary)
        {
            return number is 0 or 1
                ? (float)number.Value
                : throw new DatasetException($"Binary label for task '{label.Task}' must be 0, 1, true or false, got '{cell}'.", file, row, label.Source);
        }

        return number is { } value && double.IsFinite(value)
            ? (float)value
            : throw new DatasetException($"Regression label for task '{label.Task}' must be a finite number, got '{cell}'.", file, row, label.Source);
    }

    private static RawSplit Take(RawSplit all, int[] rows) =>
        new([.. rows.Select(r => all.Rows[r])], [.. all.Labels.Select(l => rows.Select(r => l[r]).ToArray())]) { File = all.File };
}
