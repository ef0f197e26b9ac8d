namespace MmoeService.Trainer.Conflict;

/// <summary>Metric keys of the conflict study, as written in summary.json; AUC and satisfied clicks are higher-better, log loss lower-better.</summary>
public static class ConflictMetrics
{
    public const string CtrAuc = "ctr_auc";
    public const string SatisfactionAuc = "satisfaction_auc";
    public const string CtrLogLoss = "ctr_logloss";
    public const string SatisfactionLogLoss = "satisfaction_logloss";

    /// <summary>True expected satisfied clicks of the top k ranked by ctr × satisfaction (the service's default score).</summary>
    public const string SatisfiedClicks = "satisfied_clicks_top10";

    /// <summary>The same, ranked by the satisfaction head alone (P(click and satisfied)).</summary>
    public const string SatisfiedClicksBySatisfaction = "satisfied_clicks_top10_by_satisfaction";

    /// <summary>True expected clicks of the top k ranked by ctr × satisfaction.</summary>
    public const string Clicks = "clicks_top10";

    public static IReadOnlyList<string> All { get; } =
        [CtrAuc, SatisfactionAuc, CtrLogLoss, SatisfactionLogLoss, SatisfiedClicks, SatisfiedClicksBySatisfaction, Clicks];
}
