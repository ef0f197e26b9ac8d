namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>
/// One validated outcome of a shown item: clicked, and satisfied (a click that satisfied, matching the model's
/// "satisfaction" task, so satisfied implies clicked). Keyed by (request, item); the latest time wins.
/// </summary>
public sealed record FeedbackEvent(string RequestId, string ItemId, bool Clicked, bool Satisfied, DateTimeOffset Time);
