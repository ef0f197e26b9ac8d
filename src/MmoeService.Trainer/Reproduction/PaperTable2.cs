namespace MmoeService.Trainer.Reproduction;

/// <summary>
/// Ma et al. 2018, Table 2 (census-income, AUC, best of 400 runs and mean over them), typed in from the
/// paper so every report can stand the measurement next to it. The paper has no single-task row.
/// </summary>
public static class PaperTable2
{
    /// <summary>Main best, main mean, auxiliary AUC of the best run, auxiliary mean.</summary>
    public sealed record Row(double MainBest, double MainMean, double AuxBest, double AuxMean);

    public const int PaperRuns = 400;

    private static readonly Dictionary<(int Group, string Model), Row> Rows = new()
    {
        [(1, "shared-bottom")] = new(0.9361, 0.9295, 0.9915, 0.9921),
        [(1, "omoe")] = new(0.9387, 0.9319, 0.9928, 0.9923),
        [(1, "mmoe")] = new(0.9410, 0.9359, 0.9926, 0.9927),
        [(2, "shared-bottom")] = new(0.8836, 0.8813, 0.9927, 0.9917),
        [(2, "omoe")] = new(0.8852, 0.8813, 0.9915, 0.9912),
        [(2, "mmoe")] = new(0.8860, 0.8826, 0.9932, 0.9924),
    };

    public static Row? Find(int group, string model) => Rows.GetValueOrDefault((group, model));
}
