namespace MmoeService.Trainer.Data;

/// <summary>The moment of an impression.</summary>
/// <param name="Hour">Local hour of day, 0-23.</param>
public sealed record RecommendationContext(int Hour);
