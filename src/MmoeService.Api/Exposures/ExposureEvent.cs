using MmoeService.Api.Experiments;

namespace MmoeService.Api.Exposures;

/// <summary>What one routed <c>POST /score</c> showed to whom, recorded for the experiment store.</summary>
public sealed record ExposureEvent(
    string RequestId, string? Experiment, string Arm, bool Enrolled, AssignmentReason Reason,
    string UnitHash,
    string Model, int? ModelVersion, IReadOnlyList<string> Tasks,
    IReadOnlyList<ExposedItem> Items,
    IReadOnlyList<float[]>? MeanGates,
    int StatusCode,
    double LatencyMs, DateTimeOffset Time);
