using MmoeService.Contracts;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Training-time gate statistics of one model version (the manifest's validation-split <c>gates</c>).</summary>
/// <param name="Version">The model version the statistics belong to.</param>
/// <param name="Tasks">Task names in the model's output order.</param>
/// <param name="Gates">Task name to its gate statistics.</param>
public sealed record GateBaseline(int Version, IReadOnlyList<string> Tasks, IReadOnlyDictionary<string, GateStatistics> Gates);
