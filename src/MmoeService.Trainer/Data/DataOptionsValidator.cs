using Microsoft.Extensions.Options;

namespace MmoeService.Trainer.Data;

/// <summary>
/// Checks <see cref="DataOptions"/> at start and reports every failure at once, naming the key to fix.
/// Numeric bounds are checked for every sub-section; files only for the chosen source.
/// </summary>
public sealed class DataOptionsValidator : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string section = DataOptions.SectionName;
        if (!DataOptions.SourceNames.Contains(options.Source, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:Source '{options.Source}' is unknown; use one of {string.Join(", ", DataOptions.SourceNames)}.");
        }

        CheckSyntheticRecommendation(failures, $"{section}:{SyntheticRecommendationOptions.SectionName}", options.SyntheticRecommendation);
        CheckPaperSynthetic(failures, $"{section}:{PaperSyntheticOptions.SectionName}", options.PaperSynthetic);
        CheckCensus(failures, $"{section}:{CensusIncomeOptions.SectionName}", options.CensusIncome,
            string.Equals(options.Source, CensusIncomeSource.SourceName, StringComparison.OrdinalIgnoreCase));
        CheckSpec(failures, $"{section}:{SpecOptions.SectionName}", options.Spec,
            string.Equals(options.Source, SpecDataSource.SourceName, StringComparison.OrdinalIgnoreCase));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckSyntheticRecommendation(List<string> failures, string prefix, SyntheticRecommendationOptions o)
    {
        AtLeast(failures, $"{prefix}:Impressions", o.Impressions, 10);
        AtLeast(failures, $"{prefix}:Users", o.Users, 1);
        AtLeast(failures, $"{prefix}:Items", o.Items, 1);
        AtLeast(failures, $"{prefix}:LatentDimension", o.LatentDimension, 1);
        AtLeast(failures, $"{prefix}:SinTerms", o.SinTerms, 0);
        Between(failures, $"{prefix}:TaskCorrelation", o.TaskCorrelation, -1, 1);
        if (o.Preset is not (SyntheticRecommendationOptions.DefaultPreset or SyntheticRecommendationOptions.ConflictPreset))
        {
            failures.Add($"{prefix}:Preset '{o.Preset}' is unknown; use {SyntheticRecommendationOptions.DefaultPreset} or {SyntheticRecommendationOptions.ConflictPreset}.");
        }

        Between(failures, $"{prefix}:ConflictWeight", o.ConflictWeight, 0, 10);
        Open01(failures, $"{prefix}:ClickRate", o.ClickRate);
        Open01(failures, $"{prefix}:SatisfactionGivenClick", o.SatisfactionGivenClick);
        CheckFractions(failures, prefix, o.TrainFraction, o.ValidationFraction);
    }

    private static void CheckPaperSynthetic(List<string> failures, string prefix, PaperSyntheticOptions o)
    {
        AtLeast(failures, $"{prefix}:Dimension", o.Dimension, 2);
        Between(failures, $"{prefix}:Correlation", o.Correlation, -1, 1);
        if (!double.IsFinite(o.Scale) || o.Scale <= 0)
        {
            failures.Add($"{prefix}:Scale must be a finite number > 0, got {o.Scale}.");
        }

        AtLeast(failures, $"{prefix}:SinTerms", o.SinTerms, 0);
        if (!double.IsFinite(o.NoiseStd) || o.NoiseStd < 0)
        {
            failures.Add($"{prefix}:NoiseStd must be a finite number >= 0, got {o.NoiseStd}.");
        }

        AtLeast(failures, $"{prefix}:TrainRows", o.TrainRows, 1);
        AtLeast(failures, $"{prefix}:ValidationRows", o.ValidationRows, 1);
        AtLeast(failures, $"{prefix}:TestRows", o.TestRows, 1);
        foreach (var (key, text) in new[] { ("Alphas", o.Alphas), ("Betas", o.Betas) })
        {
            try
            {
                var values = PaperSyntheticGenerator.ParseList(text);
                if (values.Count != 0 && values.Count != o.SinTerms)
                {
                    failures.Add($"{prefix}:{key} lists {values.Count} values but SinTerms is {o.SinTerms}.");
                }
            }
            catch (FormatException e)
            {
                failures.Add($"{prefix}:{key}: {e.Message}");
            }
        }
    }

    private static void CheckCensus(List<string> failures, string prefix, CensusIncomeOptions o, bool chosen)
    {
        if (o.Group is not (1 or 2))
        {
            failures.Add($"{prefix}:Group must be 1 (income + never married) or 2 (education + never married), got {o.Group}.");
        }

        if (!chosen)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(o.TestFile))
        {
            failures.Add($"{prefix}:TestFile is required (the raw census-income.test, optionally .gz).");
        }
        else if (CensusIncomeFile.Resolve(o.TestFile) is null)
        {
            failures.Add($"{prefix}:TestFile '{o.TestFile}' does not exist (also tried '{o.TestFile}.gz').");
        }

        if (!string.IsNullOrWhiteSpace(o.TrainFile) && CensusIncomeFile.Resolve(o.TrainFile) is null)
        {
            failures.Add($"{prefix}:TrainFile '{o.TrainFile}' does not exist (also tried '{o.TrainFile}.gz').");
        }
    }

    private static void CheckSpec(List<string> failures, string prefix, SpecOptions o, bool chosen)
    {
        if (!chosen)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(o.Path))
        {
            failures.Add($"{prefix}:Path is required when {DataOptions.SectionName}:Source is '{SpecDataSource.SourceName}'.");
        }
        else if (!File.Exists(o.Path))
        {
            failures.Add($"{prefix}:Path '{o.Path}' does not exist.");
        }
    }

    private static void CheckFractions(List<string> failures, string prefix, double train, double validation)
    {
        Open01(failures, $"{prefix}:TrainFraction", train);
        Open01(failures, $"{prefix}:ValidationFraction", validation);
        if (train + validation >= 1)
        {
            failures.Add($"{prefix}:TrainFraction + ValidationFraction must be < 1 to leave a test split, got {train + validation}.");
        }
    }

    private static void AtLeast(List<string> failures, string key, int value, int minimum)
    {
        if (value < minimum)
        {
            failures.Add($"{key} must be at least {minimum}, got {value}.");
        }
    }

    private static void Between(List<string> failures, string key, double value, double low, double high)
    {
        if (!double.IsFinite(value) || value < low || value > high)
        {
            failures.Add($"{key} must be between {low} and {high}, got {value}.");
        }
    }

    private static void Open01(List<string> failures, string key, double value)
    {
        if (!double.IsFinite(value) || value <= 0 || value >= 1)
        {
            failures.Add($"{key} must be strictly between 0 and 1, got {value}.");
        }
    }
}
