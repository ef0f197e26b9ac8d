using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.Serving.Routing;

namespace MmoeService.ExperimentPlatform.Store;

/// <summary>One exposure as stored (without its items): what a support question or a test looks up by request id.</summary>
public sealed record StoredExposure(
    string RequestId, string? Experiment, string Arm, bool Enrolled, AssignmentReason Reason, string UnitHash,
    string Model, int? ModelVersion, int ItemCount, int StatusCode, double LatencyMs, DateTimeOffset Time);
