namespace MmoeService.Trainer.Data;

/// <summary>What the user did with an impression; <see cref="Satisfied"/> implies <see cref="Clicked"/>.</summary>
public readonly record struct RecommendationFeedback(bool Clicked, bool Satisfied);
