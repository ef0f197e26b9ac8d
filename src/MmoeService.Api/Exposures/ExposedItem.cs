namespace MmoeService.Api.Exposures;

/// <summary>One returned item of a scored request. Predictions follow <see cref="ExposureEvent.Tasks"/>; rank 1 is best.</summary>
public sealed record ExposedItem(string ItemId, int Rank, IReadOnlyList<float> Predictions, double Score);
