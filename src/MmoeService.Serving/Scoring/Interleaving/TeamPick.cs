namespace MmoeService.Serving.Scoring.Interleaving;

/// <summary>One slot of an interleaved list: the item and the team that picked it.</summary>
public readonly record struct TeamPick<T>(T Item, Team Team);
