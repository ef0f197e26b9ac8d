namespace MmoeService.Contracts;

/// <summary>One task of a multi-task model and the graph outputs that carry it.</summary>
/// <param name="Name">Task name as clients see it, e.g. <c>ctr</c> or <c>satisfaction</c>.</param>
/// <param name="Kind">A <see cref="TaskKind"/> value.</param>
/// <param name="Output">ONNX output holding the prediction, float[N].</param>
/// <param name="GateOutput">ONNX output holding this task's softmax gate weights, float[N, experts]; null for Shared-Bottom.</param>
/// <param name="Label">Source column or rule the label came from, for the reader of the manifest.</param>
/// <param name="GateWidth">
/// Weights in this task's gate row: the experts for MMoE/OMoE; for CGC/PLE the task's own experts followed by the
/// shared ones. Null in manifests that predate it, where it is <see cref="ModelManifest.Experts"/>.
/// </param>
public sealed record TaskHead(string Name, string Kind, string Output, string? GateOutput, string Label, int? GateWidth = null);
