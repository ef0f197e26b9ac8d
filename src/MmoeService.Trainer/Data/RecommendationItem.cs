namespace MmoeService.Trainer.Data;

/// <summary>A content item of the synthetic world. <see cref="Latent"/> is hidden from the model; the rest are features.</summary>
/// <param name="Index">Position in <see cref="RecommendationWorld.Items"/>.</param>
/// <param name="Id">Stable id, e.g. <c>i00042</c>.</param>
/// <param name="Category">Content category.</param>
/// <param name="DurationMinutes">Length of the content.</param>
/// <param name="Popularity">Popularity percentile in (0, 1); popular items are also shown more often.</param>
/// <param name="Latent">Latent content vector.</param>
public sealed record RecommendationItem(int Index, string Id, string Category, double DurationMinutes, double Popularity, double[] Latent);
