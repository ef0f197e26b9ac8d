using static TorchSharp.torch;

namespace MmoeService.Trainer.Modeling;

/// <summary>
/// What a <see cref="MultiTaskNetwork"/> returns for a batch, in task order.
/// </summary>
/// <param name="Predictions">Per task a [N] tensor: logits for binary tasks (the sigmoid is applied by the loss and the export), values for regression.</param>
/// <param name="Gates">Per task the [N, experts] softmax gate weights (OMoE repeats its one gate); null for Shared-Bottom.</param>
public sealed record MultiTaskOutput(IReadOnlyList<Tensor> Predictions, IReadOnlyList<Tensor>? Gates);
