namespace MmoeService.Trainer.Data;

/// <summary>
/// Which data to train on (section "Data"). Only the sub-section of the chosen <see cref="Source"/> is read;
/// <see cref="DataOptionsValidator"/> checks it at start.
/// </summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    /// <summary>Every source <see cref="DataExtensions.AddData"/> registers (the validator cannot ask DI: the sources need these options).</summary>
    public static IReadOnlyList<string> SourceNames { get; } =
        [SyntheticRecommendationSource.SourceName, PaperSyntheticSource.SourceName, CensusIncomeSource.SourceName, SpecDataSource.SourceName];

    /// <summary><c>synthetic-recommendation</c>, <c>paper-synthetic</c>, <c>census-income</c> or <c>spec</c>.</summary>
    public string Source { get; set; } = SyntheticRecommendationSource.SourceName;

    /// <summary>Seeds generation and every split; written into the manifest.</summary>
    public int Seed { get; set; } = 20180819;

    public SyntheticRecommendationOptions SyntheticRecommendation { get; set; } = new();

    public PaperSyntheticOptions PaperSynthetic { get; set; } = new();

    public CensusIncomeOptions CensusIncome { get; set; } = new();

    public SpecOptions Spec { get; set; } = new();
}
