namespace MmoeService.ExperimentPlatform;

/// <summary>
/// One validated outcome of a shown item, by task name (0 or 1 per task the feedback observed). Keyed by
/// (request, item); the latest time wins and replaces the whole outcome set of that item.
/// </summary>
public sealed record FeedbackEvent(string RequestId, string ItemId, IReadOnlyDictionary<string, bool> Outcomes, DateTimeOffset Time);
