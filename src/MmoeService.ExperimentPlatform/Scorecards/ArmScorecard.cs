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
/// <param name="Tasks">Per task (the models' task order, then tasks only feedback named): rate and predictions.</param>
/// <param name="LatencyMs">Latency percentiles of the arm's requests (from fixed log-scale bins, ±2.5%).</param>
/// <param name="Traffic">Requests per bucket of <paramref name="TrafficBucketSeconds"/>, oldest first.</param>
/// <param name="TrafficBucketSeconds">Length of a traffic bucket: 5 s during the experiment's first hour (so a short run draws a line), 60 s after.</param>
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
    IReadOnlyList<TaskScorecard> Tasks,
    LatencySummary LatencyMs,
    IReadOnlyList<TrafficBucket> Traffic,
    int TrafficBucketSeconds);

/// <summary>One task of one arm.</summary>
/// <param name="Task">Task name.</param>
/// <param name="Rate">Positives per labeled impression with its interval (clustered by unit).</param>
/// <param name="Predictions">The task's predictions against its feedback: calibration and AUC.</param>
public sealed record TaskScorecard(string Task, RateEstimate Rate, TaskCalibration Predictions);
