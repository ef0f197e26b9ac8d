using System.Globalization;
using System.IO.Compression;

namespace MmoeService.Trainer.Data;

/// <summary>
/// Reader of the raw UCI census-income (KDD) files: no header, 42 fields separated by ", ", <c>?</c> for
/// missing, the income label last (<c>- 50000.</c> or <c>50000+.</c>), optionally gzip-compressed.
/// Column names follow keras-mmoe/DeepCTR; kinds follow the UCI description (census-income.names).
/// </summary>
public static class CensusIncomeFile
{
    public const int FieldCount = 42;

    public const string Education = "education";
    public const string MaritalStatus = "marital_stat";
    public const string InstanceWeight = "instance_weight";
    public const string Income = "income_50k";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "age", "class_worker", "det_ind_code", "det_occ_code", Education, "wage_per_hour", "hs_college",
        MaritalStatus, "major_ind_code", "major_occ_code", "race", "hisp_origin", "sex", "union_member",
        "unemp_reason", "full_or_part_emp", "capital_gains", "capital_losses", "stock_dividends",
        "tax_filer_stat", "region_prev_res", "state_prev_res", "det_hh_fam_stat", "det_hh_summ",
        InstanceWeight, "mig_chg_msa", "mig_chg_reg", "mig_move_reg", "mig_same", "mig_prev_sunbelt",
        "num_emp", "fam_under_18", "country_father", "country_mother", "country_self", "citizenship",
        "own_or_self", "vet_question", "vet_benefits", "weeks_worked", "year", Income,
    ];

    /// <summary>
    /// The columns UCI marks continuous. Everything else is nominal, including the numeric-looking detailed
    /// industry/occupation recodes, own_or_self, vet_benefits and year, which are codes, not quantities.
    /// </summary>
    public static IReadOnlySet<string> NumericColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "age", "wage_per_hour", "capital_gains", "capital_losses", "stock_dividends", InstanceWeight, "num_emp", "weeks_worked",
    };

    /// <summary>The path itself if it exists, else the path with <c>.gz</c> appended if that exists, else null.</summary>
    public static string? Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return path;
        }

        return File.Exists(path + ".gz") ? path + ".gz" : null;
    }

    /// <summary>
    /// Reads every data row as 42 trimmed fields, null where the file has <c>?</c>. Blank lines are skipped.
    /// Numeric columns are checked here so a bad value is reported with its file, row and column.
    /// </summary>
    public static List<string?[]> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var resolved = Resolve(path) ?? throw new DatasetException("The census-income file does not exist (also tried with .gz).", path);
        using var file = File.OpenRead(resolved);
        using Stream stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return Read(reader, resolved);
    }

    /// <summary>Reads rows from <paramref name="reader"/>; <paramref name="name"/> names the source in errors.</summary>
    public static List<string?[]> Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<string?[]>();

        // Census values repeat heavily; sharing one string per distinct value keeps 300k rows small.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        long row = 0;
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            row++;
            var parts = line.Split(',');
            if (parts.Length != FieldCount)
            {
                throw new DatasetException($"Expected {FieldCount} comma-separated fields, found {parts.Length}.", name, row);
            }

            var fields = new string?[FieldCount];
            for (var c = 0; c < FieldCount; c++)
            {
                var value = parts[c].Trim();
                if (value is "?" or "")
                {
                    continue;
                }

                if (NumericColumns.Contains(Columns[c]) &&
                    !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new DatasetException($"'{value}' is not a number.", name, row, Columns[c]);
                }

                if (!pool.TryGetValue(value, out var shared))
                {
                    pool[value] = shared = value;
                }

                fields[c] = shared;
            }

            if (fields[FieldCount - 1] is not { } income || CensusIncomeTasks.IsHighIncome(income) is null)
            {
                throw new DatasetException($"The income label must be '- 50000.' or '50000+.', got '{fields[FieldCount - 1] ?? "?"}'.", name, row, Income);
            }

            rows.Add(fields);
        }

        return rows;
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
