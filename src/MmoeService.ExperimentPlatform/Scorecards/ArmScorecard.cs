namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>One arm's numbers on the scorecard.</summary>
/// <param name="Arm">Arm name.</param>
/// <param name="Model">The arm's model.</param>
/// <param name="ModelVersions">Versions that served the arm's requests.</param>
/// <param name="Weight">Configured weight; 0 for an arm that has data but is no longer configured.</param>
/// <param name="Control">True for the control arm.</param>
/// <param name="EnrolledUnits">Distinct enrolled units (hashed user ids) assigned to the arm.</param>
/// <param name="Requests">Routed scoring requests.</param>
/// <param name="FailedRequests">Routed requests answered with a problem status.</param>
/// <param name="ErrorRate">FailedRequests / Requests; null before any request.</param>
/// <param name="Impressions">Items returned.</param>
/// <param name="Clicks">CTR positives.</param>
/// <param name="Ctr">Clicks per labeled impression with its interval.</param>
/// <param name="Satisfaction">Satisfied clicks per labeled impression with its interval.</param>
/// <param name="CtrPredictions">Predicted CTR against feedback: calibration and AUC.</param>
/// <param name="SatisfactionPredictions">Predicted satisfaction against feedback: calibration and AUC.</param>
/// <param name="LatencyMs">Latency percentiles of the arm's requests.</param>
/// <param name="Traffic">Requests per time bucket, oldest first.</param>
public sealed record ArmScorecard(
    string Arm,
    string Model,
    IReadOnlyList<int> ModelVersions,
    double Weight,
    bool Control,
    long EnrolledUnits,
    long Requests,
    long FailedRequests,
    double? ErrorRate,
    long Impressions,
    long Clicks,
    RateEstimate Ctr,
    RateEstimate Satisfaction,
    TaskCalibration CtrPredictions,
    TaskCalibration SatisfactionPredictions,
    LatencySummary LatencyMs,
    IReadOnlyList<TrafficBucket> Traffic);
