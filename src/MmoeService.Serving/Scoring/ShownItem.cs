using MmoeService.Serving.Scoring.Interleaving;

namespace MmoeService.Serving.Scoring;

/// <summary>One item as the user was shown it.</summary>
/// <param name="ItemId">The candidate's item id.</param>
/// <param name="Rank">Position in the answer, 1 = best.</param>
/// <param name="Predictions">The model's output per task, in <see cref="ScoredRequest.Tasks"/> order.</param>
/// <param name="Score">The combined ranking score.</param>
/// <param name="Team">In an interleaved answer, the team whose model placed the item (its predictions and score
/// are that model's); null for a single-model answer.</param>
public sealed record ShownItem(string ItemId, int Rank, IReadOnlyList<float> Predictions, double Score, Team? Team = null);
