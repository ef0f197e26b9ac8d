namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>
/// What the store recorded for one arm of an experiment, aggregated for the scorecard. MeanGates is per task the mean
/// gate weight per expert, weighted by returned items; ConcentratedShare is per task (same order) the share of the
/// arm's scored candidates whose largest gate weight exceeds <see cref="Serving.Scoring.GateSummary.ConcentratedAbove"/>,
/// weighted by candidates. Both are null when no stored exposure recorded them.
/// </summary>
public sealed record ArmObservations(
    string Arm, string Model, IReadOnlyList<int> ModelVersions,
    long EnrolledUnits, long Requests, long FailedRequests, long Impressions,
    TaskOutcomes Ctr, TaskOutcomes Satisfaction,
    UnitMoments CtrByUnit, UnitMoments SatisfactionByUnit,
    IReadOnlyList<LabeledPrediction> CtrSample, IReadOnlyList<LabeledPrediction> SatisfactionSample,
    IReadOnlyList<double> LatencySampleMs,
    IReadOnlyList<TrafficBucket> Traffic,
    IReadOnlyList<float[]>? MeanGates,
    IReadOnlyList<double>? ConcentratedShare);
