namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>Answer of an accepted batch: every event is committed; orphaned ones matched no stored exposure (kept anyway).</summary>
public sealed record FeedbackReceipt(int Accepted, int Orphaned);
