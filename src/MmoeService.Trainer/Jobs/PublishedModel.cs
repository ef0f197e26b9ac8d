using MmoeService.Contracts;
using MmoeService.Trainer.Training;

namespace MmoeService.Trainer.Jobs;

/// <summary>A model version written to the repository.</summary>
/// <param name="Folder">The version folder.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Result">The training run behind it.</param>
/// <param name="OnnxBytes">Size of model.onnx.</param>
public sealed record PublishedModel(string Folder, ModelManifest Manifest, TrainingResult Result, long OnnxBytes);
