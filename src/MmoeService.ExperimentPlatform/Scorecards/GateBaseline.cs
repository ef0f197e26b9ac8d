using MmoeService.Contracts;

namespace MmoeService.ExperimentPlatform.Scorecards;

/// <summary>Training-time gate statistics of one model version (the manifest's validation-split <c>gates</c>).</summary>
/// <param name="Version">The model version the statistics belong to.</param>
/// <param name="Tasks">Task names in the model's output order.</param>
/// <param name="Gates">Task name to its gate statistics.</param>
/// <param name="ExpertDiversity">How alike the version's experts are on the validation split; null when its manifest predates the figure.</param>
public sealed record GateBaseline(int Version, IReadOnlyList<string> Tasks, IReadOnlyDictionary<string, GateStatistics> Gates, ExpertDiversity? ExpertDiversity = null);
