namespace MmoeService.ExperimentPlatform;

/// <summary>
/// What the store's rollups hold for one arm of an experiment: the scorecard's only input. Every per-task figure is
/// a list keyed by task name; nothing here names a particular task.
/// </summary>
/// <param name="Arm">Arm name.</param>
/// <param name="Model">The model that served most of the arm's requests.</param>
/// <param name="ModelVersions">Versions that served the arm's requests, ascending.</param>
/// <param name="EnrolledUnits">Distinct enrolled units (hashed user ids).</param>
/// <param name="Requests">Analysed requests.</param>
/// <param name="FailedRequests">Analysed requests answered with a problem status.</param>
/// <param name="Impressions">Items returned.</param>
/// <param name="Tasks">Per task with feedback or predictions: outcomes, unit moments and the prediction histogram.</param>
/// <param name="Latency">Request latency histogram.</param>
/// <param name="Traffic">Requests per bucket of <paramref name="TrafficBucketSeconds"/>, oldest first.</param>
/// <param name="Gates">Per gated task, in the model's task order; empty for an arm without gates.</param>
/// <param name="TrafficBucketSeconds">Length of a traffic bucket: 5 s during an experiment's first hour, then 60 s.</param>
/// <param name="Preferences">Per task, the team credit sums of an interleaving experiment's interleaved arm; null or empty otherwise.</param>
public sealed record ArmObservations(
    string Arm, string Model, IReadOnlyList<int> ModelVersions,
    long EnrolledUnits, long Requests, long FailedRequests, long Impressions,
    IReadOnlyList<TaskObservations> Tasks,
    IReadOnlyList<HistogramBin> Latency,
    IReadOnlyList<TrafficBucket> Traffic,
    IReadOnlyList<TaskGateObservations> Gates,
    int TrafficBucketSeconds = 60,
    IReadOnlyList<PreferenceObservations>? Preferences = null);

/// <summary>One task of one arm.</summary>
/// <param name="Task">Task name (the manifest's, or the one feedback named).</param>
/// <param name="Outcomes">Positives and labeled impressions; predicted sum over the labeled impressions.</param>
/// <param name="ByUnit">Per-unit moments of (positives, labeled) for the clustered variance.</param>
/// <param name="Predictions">Labeled predictions in fixed bins (<see cref="PredictionBins"/>), lowest first.</param>
/// <param name="Covariates">The CUPED sums of the units behind <paramref name="ByUnit"/> (pre-period rate x and missing indicator m); null when the store has none.</param>
public sealed record TaskObservations(
    string Task, TaskOutcomes Outcomes, UnitMoments ByUnit, IReadOnlyList<LabeledBin> Predictions, PreperiodSums? Covariates = null);

/// <summary>
/// Per arm and task, over the units with labeled impressions: Σx, Σx², Σxy, Σxn of the pre-period rate x, and Σm, Σmy,
/// Σmn of the indicator m = 1 for units without pre-period labels (x = 0 for them).
/// </summary>
public sealed record PreperiodSums(double SumX, double SumXX, double SumXY, double SumXN, double SumMissing, double SumMissingY, double SumMissingN);

/// <summary>Positives and labeled impressions of one task; SumPredicted over the PredictedCount labeled impressions with a prediction.</summary>
public sealed record TaskOutcomes(long Positives, long Labeled, double SumPredicted, long PredictedCount);

/// <summary>
/// Mergeable sums over randomisation units of y = positives and n = labeled impressions (gbstats' RatioStatistic):
/// K units with n &gt; 0, Σy, Σn, Σy², Σn², Σyn.
/// </summary>
public sealed record UnitMoments(long Units, double SumY, double SumN, double SumYY, double SumNN, double SumYN);

/// <summary>Requests that started in one bucket (see the scorecard's bucket length), from <paramref name="Start"/>.</summary>
public sealed record TrafficBucket(DateTimeOffset Start, long Requests);

/// <summary>One fixed bin of labeled predictions: how many positives and negatives fell in it.</summary>
public sealed record LabeledBin(int Bin, long Positives, long Negatives);

/// <summary>One fixed bin of a histogram and its count.</summary>
public sealed record HistogramBin(int Bin, long Count);

/// <summary>
/// One gated task of one arm: mean gate weight per expert over returned items, and the share of scored candidates
/// whose largest gate weight exceeds <see cref="Serving.Scoring.GateSummary.ConcentratedAbove"/> (null when no stored
/// exposure recorded it).
/// </summary>
public sealed record TaskGateObservations(string Task, IReadOnlyList<double> MeanWeights, double? ConcentratedShare);
