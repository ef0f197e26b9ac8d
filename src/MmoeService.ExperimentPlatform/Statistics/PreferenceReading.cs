namespace MmoeService.ExperimentPlatform.Statistics;

/// <summary>
/// An interleaving experiment read per unit. <see cref="Share"/>: the share of units preferring treatment among
/// units with a preference, tested against 0.5. <see cref="MeanDifference"/>: the mean over all units of treatment's
/// minus control's credit, tested against 0. Either is null with fewer than 2 units behind it.
/// </summary>
public sealed record PreferenceReading(long UnitsWithPreference, SequentialReading? Share, SequentialReading? MeanDifference);
