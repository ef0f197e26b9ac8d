using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>What one <see cref="ExtractionLevel"/> produces.</summary>
/// <param name="TaskMixtures">Per task its gate's mixture of its own and the shared experts.</param>
/// <param name="SharedMixture">The shared gate's mixture of every expert; null at the last level.</param>
/// <param name="TaskGates">Per task the [N, specific + shared] gate weights.</param>
/// <param name="Experts">Every expert output: task-specific ones in task order, then the shared ones.</param>
public sealed record ExtractionOutput(IReadOnlyList<Tensor> TaskMixtures, Tensor? SharedMixture, IReadOnlyList<Tensor> TaskGates, IReadOnlyList<Tensor> Experts);
