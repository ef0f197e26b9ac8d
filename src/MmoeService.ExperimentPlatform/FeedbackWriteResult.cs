namespace MmoeService.ExperimentPlatform;

/// <summary>A committed feedback batch: events written, and how many of them matched no stored exposure (orphaned).</summary>
public sealed record FeedbackWriteResult(int Written, int Orphaned);
