namespace MmoeService.Api.Experiments.Scorecards;

public sealed record ArmObservations(
    string Arm, string Model, IReadOnlyList<int> ModelVersions,
    long EnrolledUnits, long Requests, long FailedRequests, long Impressions,
    TaskOutcomes Ctr, TaskOutcomes Satisfaction,
    UnitMoments CtrByUnit, UnitMoments SatisfactionByUnit,
    IReadOnlyList<LabeledPrediction> CtrSample, IReadOnlyList<LabeledPrediction> SatisfactionSample,
    IReadOnlyList<double> LatencySampleMs,
    IReadOnlyList<TrafficBucket> Traffic,
    IReadOnlyList<float[]>? MeanGates);
