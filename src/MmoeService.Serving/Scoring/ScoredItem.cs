namespace MmoeService.Serving.Scoring;

/// <summary>
/// One scored candidate. On the wire the task outputs are properties named after the tasks, so the default
/// models answer <c>{"itemId", "ctr", "satisfaction", "score", "gates"}</c> (<see cref="ScoreResponseWriter"/>
/// writes it; this record is its documented schema and what indexing an answer's <see cref="IAnswerItems"/> returns).
/// </summary>
/// <param name="ItemId">The candidate's item id.</param>
/// <param name="Tasks">Task name to model output (probability for binary tasks), in manifest task order.</param>
/// <param name="Score">Product of the task outputs raised to the model's configured exponents.</param>
/// <param name="Gates">Task name to softmax gate weights over the experts (each sums to 1); null for Shared-Bottom or when not requested.</param>
/// <param name="Team">In an interleaved answer, the arm whose model placed the item; null (and absent on the wire) otherwise.</param>
public sealed record ScoredItem(
    string ItemId,
    IReadOnlyList<KeyValuePair<string, float>> Tasks,
    double Score,
    IReadOnlyDictionary<string, float[]>? Gates,
    string? Team = null);
