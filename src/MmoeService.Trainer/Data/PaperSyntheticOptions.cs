namespace MmoeService.Trainer.Data;

/// <summary>
/// Settings of the paper's synthetic regression data, §3.2 of Ma et al. (section "Data:PaperSynthetic").
/// Defaults follow common reproductions: d = 100, c = 1, m = 10, α_i = i, β_i = (i-1)², noise std 0.01.
/// </summary>
public sealed class PaperSyntheticOptions
{
    public const string SectionName = "PaperSynthetic";

    /// <summary>Input dimension d.</summary>
    public int Dimension { get; set; } = 100;

    /// <summary>Task correlation p: the cosine of w1 and w2.</summary>
    public double Correlation { get; set; } = 0.9;

    /// <summary>Scale c of both task weight vectors.</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>Sine terms m.</summary>
    public int SinTerms { get; set; } = 10;

    /// <summary>Comma-separated α_1..α_m; empty means α_i = i.</summary>
    public string Alphas { get; set; } = string.Empty;

    /// <summary>Comma-separated β_1..β_m; empty means β_i = (i-1)².</summary>
    public string Betas { get; set; } = string.Empty;

    /// <summary>Standard deviation of the label noise ε_k.</summary>
    public double NoiseStd { get; set; } = 0.01;

    public int TrainRows { get; set; } = 10_000;

    public int ValidationRows { get; set; } = 1_000;

    public int TestRows { get; set; } = 1_000;
}
