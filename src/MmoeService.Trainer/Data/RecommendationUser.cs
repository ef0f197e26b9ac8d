namespace MmoeService.Trainer.Data;

/// <summary>A user of the synthetic world. <see cref="Taste"/> is hidden from the model; the rest are features.</summary>
/// <param name="Index">Position in <see cref="RecommendationWorld.Users"/>.</param>
/// <param name="Id">Stable id, e.g. <c>u00042</c>.</param>
/// <param name="Age">Years.</param>
/// <param name="Country">ISO country code.</param>
/// <param name="Device">mobile, desktop, tablet or tv.</param>
/// <param name="Taste">Latent taste vector.</param>
/// <param name="Activity">Relative rate at which this user sees impressions.</param>
public sealed record RecommendationUser(int Index, string Id, int Age, string Country, string Device, double[] Taste, double Activity);
