using MmoeService.Contracts;

namespace MmoeService.Serving.Scoring;

/// <summary>One candidate item of a <see cref="ScoreRequest"/>.</summary>
public sealed class ScoreCandidate
{
    /// <summary>Caller's item id, unique within the request; returned with the item's scores.</summary>
    /// <example>v-1</example>
    public string? ItemId { get; set; }

    /// <summary>Item features by name: a number, a string or null (missing). Absent features are encoded as missing.</summary>
    public Dictionary<string, FeatureValue>? Features { get; set; }
}
