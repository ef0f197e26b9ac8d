namespace MmoeService.Trainer.Data;

/// <summary>UCI census-income (KDD) files and task group (section "Data:CensusIncome").</summary>
public sealed class CensusIncomeOptions
{
    public const string SectionName = "CensusIncome";

    /// <summary>Raw <c>census-income.data</c> (optionally .gz); null or empty when only the test file is at hand.</summary>
    public string? TrainFile { get; set; }

    /// <summary>
    /// Raw <c>census-income.test</c>; a missing path is also tried with <c>.gz</c> appended. The default is the
    /// shared copy beside the repository, relative to the repository root.
    /// </summary>
    public string TestFile { get; set; } = "../shared/data/census-income/census-income.test";

    /// <summary>1: income &gt; 50K + never married; 2: education at least college + never married (paper §6.3).</summary>
    public int Group { get; set; } = 1;
}
