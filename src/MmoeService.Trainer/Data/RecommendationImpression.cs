namespace MmoeService.Trainer.Data;

/// <summary>One item shown to one user at one moment.</summary>
public sealed record RecommendationImpression(RecommendationUser User, RecommendationItem Item, RecommendationContext Context);
