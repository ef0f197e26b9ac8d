namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>One outcome as sent; every field nullable so a missing one is reported by name rather than defaulted.</summary>
public sealed class FeedbackEventBody
{
    /// <summary>The <c>requestId</c> of the <c>/score</c> answer that showed the item (required, at most 128 characters).</summary>
    public string? RequestId { get; set; }

    /// <summary>The shown item (required, at most 256 characters).</summary>
    public string? ItemId { get; set; }

    /// <summary>Whether the user clicked the item (required).</summary>
    public bool? Clicked { get; set; }

    /// <summary>Whether the click satisfied the user (the "satisfaction" task); true requires clicked. Default false.</summary>
    public bool? Satisfied { get; set; }

    /// <summary>When it happened (ISO 8601 with offset); default: when the service received it. The latest event per request and item wins.</summary>
    public DateTimeOffset? Time { get; set; }
}
